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
        try
        {
            var response = await page.GotoAsync(path);
            await rendered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // The batch is applied right after it arrives; let the browser finish that frame.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            return response;
        }
        finally
        {
            page.WebSocket -= OnSocket;
        }
    }
}
