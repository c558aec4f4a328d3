using System.Diagnostics;
using System.Globalization;
using GbcPortal.Core.Espi;

namespace GbcPortal.Benchmarks.Espi;

/// <summary>
/// Measurements BenchmarkDotNet does not make. <c>peak DAYS read|streaming</c>: memory held
/// during one reading in a fresh process (BenchmarkDotNet counts bytes allocated, not held).
/// <c>time DAYS [RUNS]</c>: the fastest of RUNS for each reading, a quick check on a busy machine.
/// </summary>
public static class EspiTools
{
    public static void Run(string[] args)
    {
        var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3652;
        var path = FeedGenerator.EnsureFile(days);
        if (args is ["time", ..])
            Time(days, path, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
        else
            Peak(days, path, args.Length > 2 ? args[2] : "streaming");
    }

    private static void Time(int days, string path, int runs)
    {
        var benchmarks = new ReaderBenchmarks { Days = days };
        benchmarks.Setup();
        var size = new FileInfo(path).Length / 1e6;
        foreach (var (name, run) in new (string, Func<int>)[]
        {
            ("XmlReader", benchmarks.BareXmlReader),
            ("EspiReader.Read", benchmarks.EspiReaderRead),
            ("EspiReader.ReadStreaming", benchmarks.EspiReaderStreaming),
            ("XDocument", benchmarks.XDocumentReading),
        })
        {
            run(); // warm-up: JIT and file cache
            double best = double.MaxValue, totalCpu = 0;
            long allocated = 0;
            var (pause, gen2s) = (TimeSpan.Zero, 0);
            var process = Process.GetCurrentProcess();
            for (var i = 0; i < runs; i++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var pauses = GC.GetTotalPauseDuration();
                var gen2 = GC.CollectionCount(2);
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                run();
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
                process.Refresh();
                totalCpu += (process.TotalProcessorTime - cpu).TotalSeconds;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                (pause, gen2s) = (GC.GetTotalPauseDuration() - pauses, GC.CollectionCount(2) - gen2);
            }
            // CPU time (mean: the clock ticks are coarse) as well as wall time: on a shared machine the wall clock measures the neighbours.
            var bestCpu = totalCpu / runs;
            Console.WriteLine(FormattableString.Invariant(
                $"{name,-26} {best * 1000,9:F1} ms {size / best,7:F1} MB/s   cpu {bestCpu * 1000,9:F1} ms {size / bestCpu,7:F1} MB/s {allocated / 1e6,9:F2} MB allocated, GC pauses {pause.TotalMilliseconds:F0} ms, {gen2s} gen2"));
        }
    }

    private static void Peak(int days, string path, string mode)
    {
        GC.Collect();
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        long readings = 0;
        long maxHeap = 0;
        if (mode == "read")
        {
            var document = new EspiReader().ReadFile(path);
            readings = document.Series.Sum(s => s.Readings.Count);
            maxHeap = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(document);
        }
        else
        {
            var chunks = 0;
            new EspiReader().ReadFileStreaming(path, chunk =>
            {
                readings += chunk.Readings.Count;
                if (++chunks % 16 == 0) // a full collection now and then: what is held, not what awaits collection
                    maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(forceFullCollection: true));
            });
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(FormattableString.Invariant(
            $"{days} days, {mode}: {new FileInfo(path).Length / 1e6:F1} MB file, {readings:N0} readings, max managed heap held {maxHeap / 1e6:F1} MB, peak working set {peak / 1e6:F1} MB (before reading {before / 1e6:F1} MB)"));
    }
}
