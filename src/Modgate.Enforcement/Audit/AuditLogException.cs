namespace Modgate.Enforcement.Audit;

/// <summary>The audit log could not be written or read; the message names the file and the reason.</summary>
public sealed class AuditLogException(string message) : Exception(message);
