using System.Diagnostics;

namespace GbcPortal.Production.Tests.Deployment;

/// <summary>
/// Debian's nginx terminating TLS in front of the portal, configured as deploy/nginx.conf says:
/// X-Forwarded-For and -Proto, WebSocket upgrade for the Blazor circuit. It listens on 127.0.0.2,
/// an address HSTS does not exempt the way it exempts localhost and 127.0.0.1.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private NginxProxy(Process process, string prefix, Uri address) => (_process, _prefix, Address) = (process, prefix, address);

    public Uri Address { get; }

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    public static async Task<NginxProxy> StartAsync(string prefix, int port, Uri upstream, string certificate, string key)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: apt-get install -y nginx (.ci/run does).");
        Directory.CreateDirectory(prefix);
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            error_log {{prefix}}/error.log warn;
            pid {{prefix}}/nginx.pid;
            events { worker_connections 256; }
            http {
              access_log {{prefix}}/access.log;
              client_body_temp_path {{prefix}}/body;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              server {
                listen 127.0.0.2:{{port}} ssl;
                ssl_certificate {{certificate}};
                ssl_certificate_key {{key}};
                ssl_protocols TLSv1.2 TLSv1.3;
                location / {
                  proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                  proxy_http_version 1.1;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_read_timeout 300s;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", prefix, "-c", config })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var proxy = new NginxProxy(process, prefix, new Uri($"https://127.0.0.2:{port}/"));
        for (var i = 0; i < 50; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {proxy.ErrorLog}");
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.2", port);
                return proxy;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("nginx did not listen: " + proxy.ErrorLog);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
