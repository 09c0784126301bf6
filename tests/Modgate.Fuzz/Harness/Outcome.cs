using System.Buffers;

namespace Modgate.Fuzz;

/// <summary>Outcome labels: the kind of result, without the input's own words (which would make every label new).</summary>
internal static class Outcome
{
    private static readonly SearchValues<char> QuoteOrDigit = SearchValues.Create("'\"0123456789");

    /// <summary>A message up to its first quoted or numeric part, at most 40 characters.</summary>
    public static string Head(string message)
    {
        var end = message.AsSpan().IndexOfAny(QuoteOrDigit);
        var head = end < 0 ? message : message[..end];
        return head.Length > 40 ? head[..40] : head;
    }
}
