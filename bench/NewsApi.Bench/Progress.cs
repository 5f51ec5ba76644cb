using System.Diagnostics;
using System.Globalization;

namespace NewsApi.Bench;

/// <summary>
/// A progress bar on stderr with articles and rows per second. Redrawn in place on a terminal; on a log (CI) a
/// plain line every few seconds instead.
/// </summary>
internal sealed class Progress(long total, string unit)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan _lastDraw = TimeSpan.FromDays(-1);
    private long _done;
    private long _rows;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Advance(long done, long rows)
    {
        _done += done;
        _rows += rows;
        var now = _clock.Elapsed;
        var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
        if (now - _lastDraw >= interval || _done >= total)
        {
            _lastDraw = now;
            Draw(now);
        }
    }

    public void Complete()
    {
        Draw(_clock.Elapsed);
        if (_terminal)
        {
            Console.Error.WriteLine();
        }
    }

    private void Draw(TimeSpan now)
    {
        const int width = 30;
        var fraction = total == 0 ? 1 : Math.Min(1, _done / (double)total);
        var filled = (int)(fraction * width);
        var seconds = Math.Max(now.TotalSeconds, 1e-3);
        var eta = fraction > 0 ? TimeSpan.FromSeconds(seconds / fraction - seconds) : TimeSpan.Zero;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', width - filled)}] {fraction,4:P0} {_done,11:N0}/{total:N0} {unit}  {_done / seconds,9:N0} {unit}/s  {_rows / seconds,9:N0} rows/s  ETA {eta:mm\\:ss}");
        if (_terminal)
        {
            Console.Error.Write("\r" + line);
        }
        else
        {
            Console.Error.WriteLine(line);
        }
    }
}
