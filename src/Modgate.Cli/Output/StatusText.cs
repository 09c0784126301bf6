using Modgate.Cli.Commands;
using Modgate.Enforcement.Fallback;
using Modgate.Enforcement.Status;
using Modgate.Policy;

namespace Modgate.Cli.Output;

/// <summary>What `status` read, gathered so that its text can be written (and tested) apart from reading the system.</summary>
internal sealed record StatusReport(EnforcementStatus Status, string Backend, FallbackState? Fallback, IReadOnlyList<string> LockLines, string AgentLine,
    ProcessModeState? Process);

/// <summary>
/// The human form of `modgate status`: "label: value" lines that a <see cref="FittedWriter"/> wraps under their value on
/// a terminal. The enforcement level is green when full, yellow when partial, red when none.
/// </summary>
internal static class StatusText
{
    public static void Write(TextWriter output, OutputStyle style, StatusReport report)
    {
        var status = report.Status;
        output.WriteLine($"enforcement: {style.With(LevelHue(status.Level), Level(status.Level))} (backend {report.Backend}, kernel {status.KernelRelease})");
        foreach (var reason in status.Reasons) output.WriteLine($"  missing: {reason}");
        foreach (var note in status.Notes) output.WriteLine($"  note: {note}");
        if (report.Fallback is not null)
            foreach (var line in FallbackStatus.Lines(report.Fallback)) output.WriteLine(line);
        if (status.Policy is { } pol)
        {
            output.WriteLine($"policy: {pol.Digest} generation {pol.Generation}, applied {pol.AppliedAt:O}");
            if (pol.Files.Count > 0) output.WriteLine($"  from: {string.Join(", ", pol.Files)}");
            output.WriteLine($"  autoload {pol.AutoloadMode}, load {pol.LoadMode}, unload {pol.UnloadMode}, {pol.Enforcement}");
        }
        if (status.Counters is { } counters)
        {
            foreach (var (verb, c) in counters)
                output.WriteLine($"counters {verb}: allowed {c.Allowed}, denied {c.Denied}, would-deny {c.WouldDeny}, audited {c.Audited}");
            output.WriteLine($"audit events dropped: {status.EventsDropped}");
        }
        if (status.CountersUnavailable is { } why) output.WriteLine($"counters: {why}");
        foreach (var line in report.LockLines) output.WriteLine(line);
        output.WriteLine(report.AgentLine);
        if (report.Process is { } process)
            output.WriteLine($"process {process.Pid}: autoload {PolicyWords.Of(process.Autoload)}, load {PolicyWords.Of(process.Load)}, " +
                             $"unload {PolicyWords.Of(process.Unload)}{(process.OriginAutoload ? ", origin autoload" : "")}");
    }

    public static string Level(EnforcementLevel level) => level.ToString().ToLowerInvariant();

    private static Hue LevelHue(EnforcementLevel level) => level switch
    {
        EnforcementLevel.Full => Hue.Good,
        EnforcementLevel.Partial => Hue.Caution,
        _ => Hue.Bad,
    };
}
