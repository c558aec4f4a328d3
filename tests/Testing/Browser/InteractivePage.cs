using Microsoft.Playwright;

namespace GbcPortal.Testing;

/// <summary>Opening a Blazor Server page and waiting for its circuit, shared by the browser test projects.</summary>
public static class InteractivePage
{
    /// <summary>
    /// Opens an interactive page and waits until the circuit has rendered it: the prerendered HTML is
    /// replaced then, so typing into it earlier would be lost.
    /// </summary>
    public static async Task<IResponse?> GotoInteractiveAsync(this IPage page, string path)
    {
        using var stop = new CancellationTokenSource();
        var rendered = page.CircuitRenderedAsync(stop.Token);
        try
        {
            var response = await page.GotoAsync(path);
            await rendered.WaitAsync(TimeSpan.FromSeconds(30));
            // The batch is applied right after it arrives; let the browser finish that frame.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            return response;
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>
    /// Completes when the page's circuit delivers its first render batch, the moment the prerendered inputs are replaced;
    /// the page is watched until then or until <paramref name="stop"/>.
    /// </summary>
    public static Task CircuitRenderedAsync(this IPage page, CancellationToken stop = default)
    {
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSocket(object? sender, IWebSocket socket)
        {
            if (!socket.Url.Contains("_blazor", StringComparison.Ordinal))
                return;
            socket.FrameReceived += (_, frame) =>
            {
                if (frame.Binary is { } bytes && bytes.AsSpan().IndexOf("JS.RenderBatch"u8) >= 0
                    || frame.Text?.Contains("JS.RenderBatch", StringComparison.Ordinal) == true)
                    rendered.TrySetResult();
            };
        }
        page.WebSocket += OnSocket;
        var registration = stop.Register(() => page.WebSocket -= OnSocket);
        rendered.Task.ContinueWith(_ =>
        {
            page.WebSocket -= OnSocket;
            registration.Dispose();
        }, TaskScheduler.Default);
        return rendered.Task;
    }
}
