using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>
/// An uncompressed module file through <see cref="ModuleFileReader"/>: ELF magic, section table, <c>.modinfo</c>
/// records and the <c>.gnu.linkonce.this_module</c> name. Documented error: <see cref="ModuleFileException"/>.
/// </summary>
internal sealed class ModinfoTarget : FuzzTarget
{
    public override string Name => "modinfo";

    public override bool IsElf => true;

    public override int MaxInputLength => 256 << 10;

    public override IReadOnlyList<string> Tokens => [".modinfo", ".gnu.linkonce.this_module", "name=", "alias=", "depends=", "\0"];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) => [.. ModuleSeeds.Paths(files).Select(File.ReadAllBytes)];

    protected override string Execute(byte[] input)
    {
        try
        {
            var info = ModuleFileReader.Parse("fuzz.ko", input);
            Check(info.Name is null || info.Name.Length > 0, "empty module name");
            return $"ok:{info.Name is not null}:{info.Entries.Count > 0}";
        }
        catch (ModuleFileException e)
        {
            return "refused:" + Outcome.Head(e.Problem);
        }
    }
}
