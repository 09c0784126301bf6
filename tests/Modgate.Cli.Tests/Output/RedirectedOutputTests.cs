namespace Modgate.Cli.Tests.Output;

/// <summary>Output redirected to a file lands where the shell's offset is: before and after what the shell writes.</summary>
public class RedirectedOutputTests
{
    [Fact]
    public void Output_to_a_file_keeps_its_place_between_the_shells_own_lines()
    {
        var file = Path.GetTempFileName();
        try
        {
            var modgate = Path.Combine(AppContext.BaseDirectory, "modgate.dll");
            var result = CliRunner.RunWithProgram("sh", new Dictionary<string, string?>(), "-c",
                $"{{ echo before; dotnet '{modgate}' check examples/modautorestrict.conf; echo after; }} > '{file}'");
            Assert.Equal(0, result.ExitCode);
            var lines = File.ReadAllLines(file);
            Assert.Equal(3, lines.Length);
            Assert.Equal("before", lines[0]);
            Assert.StartsWith("policy ok: 1 file, 0 rules, autoload privileged", lines[1]);
            Assert.Equal("after", lines[2]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
