using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>
/// <see cref="ModuleImageName"/>, the twin of the BPF program's name scan, with the Debian 6.1 layout (sizeof(struct
/// module) 896, name at 24: asserted by ModuleImageNameTests from a real module). It returns a refusal for every bad
/// image: no exception is documented. A name, when given, is 1 to 55 characters without a NUL.
/// </summary>
internal sealed class ModuleImageNameTarget : FuzzTarget
{
    private const uint ModuleStructSize = 896;
    private const uint NameOffset = 24;

    public override string Name => "module-image-name";

    public override bool IsElf => true;

    public override int MaxInputLength => 256 << 10;

    public override IReadOnlyList<string> Tokens => [".gnu.linkonce.this_module\0", ".rela.gnu.linkonce.this_module\0", "\0"];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) => [.. ModuleSeeds.Paths(files).Select(File.ReadAllBytes)];

    /// <summary>The scan allocates only the name it returns and its message.</summary>
    public override long AllocationLimit(int inputLength) => 64 << 10;

    protected override string Execute(byte[] input)
    {
        var result = ModuleImageName.Read(input, ModuleStructSize, NameOffset);
        if (result.IsRefused)
        {
            Check(result.Name is null && !string.IsNullOrEmpty(result.Message), $"refusal {result.Refusal} with name '{result.Name}'");
            return result.Refusal.ToString();
        }
        Check(result.Name is { Length: > 0 and < ModuleImageName.NameLength } name && !name.Contains('\0') && result.Message is null,
            $"name '{result.Name}'");
        return "named";
    }
}
