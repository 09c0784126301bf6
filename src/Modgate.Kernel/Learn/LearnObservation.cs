using Modgate.Policy;

namespace Modgate.Kernel.Learn;

/// <summary>
/// A request seen in the audit log (the caller turns audit records into these): under complain mode the
/// would-deny records are exactly what an allowlist still lacks.
/// </summary>
/// <param name="Module">The module the kernel judged; null when an autoload request resolved to nothing.</param>
/// <param name="Decision">allow, deny or would-deny.</param>
public sealed record LearnObservation(DateTimeOffset Time, Verb Verb, string? Request, string? Module, Origin? Origin, string Decision, string Comm);
