using Modgate.Enforcement.Agent;

namespace Modgate.Enforcement.Tests.Agent;

public sealed class ThrottledMessageTests
{
    [Fact]
    public void Prints_at_most_once_per_interval_and_counts_what_it_held_back()
    {
        var output = new StringWriter();
        var time = new ManualTime(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var message = new ThrottledMessage(output, time, TimeSpan.FromMinutes(1));

        message.Report("disk full");
        time.Now = time.Now.AddSeconds(30);
        message.Report("disk full");
        message.Report("disk full");
        time.Now = time.Now.AddSeconds(30);
        message.Report("disk full");

        Assert.Equal(["disk full", "disk full (2 more such errors since the last report)"],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
