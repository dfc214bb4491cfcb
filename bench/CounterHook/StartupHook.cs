using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Text;
using System.Threading;

/// <summary>
/// A .NET startup hook (DOTNET_STARTUP_HOOKS) that lets the benchmark read the bot process's own runtime
/// counters without changing the bot: it listens on a loopback port, writes that port to the file named by
/// RELEASEBOT_BENCH_COUNTERS, and answers every connection with one line of counters, then closes it.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        AllocationSampler.StartIfAsked();
        var portFile = Environment.GetEnvironmentVariable("RELEASEBOT_BENCH_COUNTERS");
        if (string.IsNullOrEmpty(portFile)) return;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        File.WriteAllText(portFile + ".tmp", port.ToString(CultureInfo.InvariantCulture));
        File.Move(portFile + ".tmp", portFile, overwrite: true);
        // A background thread: it ends with the process.
        new Thread(() => Serve(listener)) { IsBackground = true, Name = "bench-counters" }.Start();
    }

    private static void Serve(TcpListener listener)
    {
        while (true)
        {
            try
            {
                using var client = listener.AcceptTcpClient();
                AllocationSampler.Write();
                var bytes = Encoding.ASCII.GetBytes(Snapshot() + "\n");
                client.GetStream().Write(bytes, 0, bytes.Length);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                // The reader went away: wait for the next one.
            }
        }
    }

    /// <summary>name=value pairs separated by spaces.</summary>
    private static string Snapshot() => string.Create(CultureInfo.InvariantCulture,
        $"jit={JitInfo.GetCompiledMethodCount()} " +
        $"alloc={GC.GetTotalAllocatedBytes()} rss={Environment.WorkingSet} cpuMs={Environment.CpuUsage.TotalTime.TotalMilliseconds:F1} " +
        $"gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)} heap={GC.GetTotalMemory(false)}");
}
