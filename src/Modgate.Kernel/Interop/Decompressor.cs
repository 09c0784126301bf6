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
    /// <summary>
    /// No module is larger than this (Debian's largest, amdgpu, is 19 MiB; with debug info a few hundred): a stream
    /// that decodes to more is treated as corrupt, so that a small file cannot make us allocate without bound.
    /// </summary>
    internal const int DefaultMaximumSize = 1 << 30;

    /// <summary>liblzma's own allocations (the dictionary a stream asks for): xz -9 needs 65 MiB to decode.</summary>
    private const ulong XzMemoryLimit = 256UL << 20;

    /// <summary>The first output buffer: four times the input (modules compress about that well), within the limit.</summary>
    private static int FirstCapacity(int compressedLength, int maximumSize) =>
        (int)Math.Clamp(compressedLength * 4L, Math.Min(1 << 16, maximumSize), maximumSize);

    public static byte[] Gzip(byte[] compressed, int maximumSize = DefaultMaximumSize)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream(FirstCapacity(compressed.Length, maximumSize));
        var buffer = new byte[1 << 16];
        int read;
        // One byte past the limit is enough to know the stream is too large.
        while ((read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, maximumSize + 1L - output.Length))) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > maximumSize) throw new InvalidDataException($"gzip data decodes to more than {maximumSize} bytes");
        }
        // GZipStream stops quietly at the end of a cut file; the trailer's size field (ISIZE) tells.
        if (compressed.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 4)) != (uint)output.Length)
            throw new InvalidDataException("gzip data is truncated or corrupt (its size trailer does not match)");
        return output.ToArray();
    }

    public static unsafe byte[] Xz(byte[] compressed, int maximumSize = DefaultMaximumSize)
    {
        var capacity = FirstCapacity(compressed.Length, maximumSize);
        while (true)
        {
            var output = new byte[capacity];
            ulong limit = XzMemoryLimit;
            nuint inPosition = 0, outPosition = 0;
            int result;
            fixed (byte* input = compressed)
            fixed (byte* outputPointer = output)
            {
                result = LibLzma.StreamBufferDecode(&limit, 0, IntPtr.Zero, input, &inPosition, (nuint)compressed.Length,
                    outputPointer, &outPosition, (nuint)output.Length);
            }
            if (result is LibLzma.Ok or LibLzma.StreamEnd) return output.AsSpan(0, (int)outPosition).ToArray();
            if (result == LibLzma.MemLimitError)
                throw new InvalidDataException($"xz data needs more than {XzMemoryLimit >> 20} MiB of memory to decode");
            if (result != LibLzma.BufError)
                throw new InvalidDataException($"xz data is corrupt (liblzma error {result})");
            if (capacity >= maximumSize) throw new InvalidDataException($"xz data decodes to more than {maximumSize} bytes");
            capacity = (int)Math.Min(capacity * 2L, maximumSize);
        }
    }

    public static unsafe byte[] Zstd(byte[] compressed, int maximumSize = DefaultMaximumSize)
    {
        var context = LibZstd.CreateDCtx();
        if (context == IntPtr.Zero) throw new InvalidDataException("libzstd could not create a decompression context");
        try
        {
            var output = new byte[FirstCapacity(compressed.Length, maximumSize)];
            var written = 0;
            fixed (byte* input = compressed)
            {
                var inBuffer = new LibZstd.InBuffer { Src = input, Size = (nuint)compressed.Length, Pos = 0 };
                while (true)
                {
                    if (written == output.Length)
                    {
                        if (output.Length >= maximumSize) throw new InvalidDataException($"zstd data decodes to more than {maximumSize} bytes");
                        Array.Resize(ref output, (int)Math.Min(output.Length * 2L, maximumSize));
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
