using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Modgate.Kernel.Interop;

/// <summary>
/// Decompresses module files: gzip with .NET's own GZipStream, xz and zstd with the system's liblzma and
/// libzstd (kept libraries: no decompressor of our own). Everything above this class sees byte arrays only.
/// </summary>
internal static class Decompressor
{
    /// <summary>No module is larger than this; a stream that decodes to more is treated as corrupt.</summary>
    private const int MaximumSize = 1 << 30;

    public static byte[] Gzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 4);
        input.CopyTo(output);
        // GZipStream stops quietly at the end of a cut file; the trailer's size field (ISIZE) tells.
        if (compressed.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 4)) != (uint)output.Length)
            throw new InvalidDataException("gzip data is truncated or corrupt (its size trailer does not match)");
        return output.ToArray();
    }

    public static unsafe byte[] Xz(byte[] compressed)
    {
        var capacity = Math.Max(compressed.Length * 4, 1 << 16);
        while (true)
        {
            var output = new byte[capacity];
            ulong limit = ulong.MaxValue;
            nuint inPosition = 0, outPosition = 0;
            int result;
            fixed (byte* input = compressed)
            fixed (byte* outputPointer = output)
            {
                result = LibLzma.StreamBufferDecode(&limit, 0, IntPtr.Zero, input, &inPosition, (nuint)compressed.Length,
                    outputPointer, &outPosition, (nuint)output.Length);
            }
            if (result is LibLzma.Ok or LibLzma.StreamEnd) return output.AsSpan(0, (int)outPosition).ToArray();
            if (result != LibLzma.BufError || capacity >= MaximumSize)
                throw new InvalidDataException($"xz data is corrupt (liblzma error {result})");
            capacity = Math.Min(capacity * 2, MaximumSize);
        }
    }

    public static unsafe byte[] Zstd(byte[] compressed)
    {
        var context = LibZstd.CreateDCtx();
        if (context == IntPtr.Zero) throw new InvalidDataException("libzstd could not create a decompression context");
        try
        {
            var output = new byte[Math.Max(compressed.Length * 4, 1 << 16)];
            var written = 0;
            fixed (byte* input = compressed)
            {
                var inBuffer = new LibZstd.InBuffer { Src = input, Size = (nuint)compressed.Length, Pos = 0 };
                while (true)
                {
                    if (written == output.Length)
                    {
                        if (output.Length >= MaximumSize) throw new InvalidDataException("zstd data decodes to more than 1 GiB");
                        Array.Resize(ref output, Math.Min(output.Length * 2, MaximumSize));
                    }
                    nuint remaining;
                    fixed (byte* outputPointer = output)
                    {
                        var outBuffer = new LibZstd.OutBuffer { Dst = outputPointer + written, Size = (nuint)(output.Length - written), Pos = 0 };
                        remaining = LibZstd.DecompressStream(context, &outBuffer, &inBuffer);
                        written += (int)outBuffer.Pos;
                    }
                    if (LibZstd.IsError(remaining) != 0)
                        throw new InvalidDataException($"zstd data is corrupt ({Marshal.PtrToStringUTF8(LibZstd.GetErrorName(remaining))})");
                    if (remaining == 0 && inBuffer.Pos == inBuffer.Size) return output.AsSpan(0, written).ToArray();
                    if (remaining != 0 && inBuffer.Pos == inBuffer.Size && written < output.Length)
                        throw new InvalidDataException("zstd data is truncated");
                }
            }
        }
        finally
        {
            LibZstd.FreeDCtx(context);
        }
    }
}
