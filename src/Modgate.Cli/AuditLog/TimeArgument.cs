using System.Globalization;

namespace Modgate.Cli.AuditLog;

/// <summary>
/// The T of <c>--since T</c>: an RFC 3339 / ISO 8601 time (<c>2026-11-25T12:00:00Z</c>, <c>2026-11-25 12:00</c>,
/// a date alone; no offset = UTC), or an age: a number and s, m, h or d (<c>90s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c>).
/// </summary>
internal static class TimeArgument
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset time, out string error)
    {
        error = "";
        time = default;
        var value = text.Trim();
        if (value.Length >= 2 && char.IsAsciiDigit(value[0]) && value[^1] is 's' or 'm' or 'h' or 'd'
            && long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            var unit = value[^1] switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), _ => TimeSpan.FromDays(1) };
            if (amount > TimeSpan.MaxValue.Ticks / unit.Ticks / 2) { error = $"'{text}' is too long ago"; return false; }
            time = now - unit * amount;
            return true;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
            return true;
        error = $"'{text}' is not a time: use 2026-11-25T12:00:00Z, 2026-11-25, or an age such as 90s, 10m, 2h, 7d";
        return false;
    }
}
