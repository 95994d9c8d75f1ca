using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace Haven.Search;

/// <summary>A file-system index directory whose inputs read with positional reads (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>,
/// pread on Linux): one system call per buffer refill and no lock shared between readers.</summary>
/// <remarks>
/// Lucene.NET 4.8.0-beta00017's <see cref="NIOFSDirectory"/> shares one <see cref="FileStream"/> per file between all
/// clones of an input and locks it around "set position, read" on every buffer refill; under concurrent searches a
/// sampled profile of the search benchmark spent about 6% of its time in that lock's slow path
/// (<c>Monitor.Enter_Slowpath</c>) and another 3% in the stream's bookkeeping. Positional reads on a shared
/// <see cref="SafeFileHandle"/> need neither. Writing is <see cref="FSDirectory"/>'s own. Like NIOFS, file pages stay
/// in the operating system's cache, not in the process's resident set (memory-mapping the index made garbage
/// collections slower: see <see cref="LuceneResourceIndex.OpenAt"/>).
/// <para>The terms dictionary (<c>.tim</c>, under a megabyte for 100,000 resources), which every word search walks,
/// is read once into memory when a segment opens (outside merges) and searched there (<see cref="MemoryInput"/>).
/// Postings (<c>.doc</c>: documents and frequencies) were kept in memory too, but they grow with the library (22 MB
/// of the heap for 100,000 resources); read from the operating system's cache instead they cost a search 3–5% more
/// CPU (bench/Haven.Bench.Search --index, 2026-11-25: a rare word 0.408 against 0.427 ms, a common one 1.73 against
/// 1.77 ms) and the resident set 15 MB less. Positions, stored snippet text and doc values stay on disk as well.</para>
/// </remarks>
internal sealed class PositionalReadDirectory(string path) : FSDirectory(new DirectoryInfo(path), null)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            if (KeptInMemory(name, context))
            {
                using (handle)
                {
                    return MemoryInput.Load($"MemoryIndexInput(path=\"{file}\")", handle, 0, RandomAccess.GetLength(handle));
                }
            }

            return new Input($"PositionalReadIndexInput(path=\"{file}\")", handle, 0, RandomAccess.GetLength(handle),
                BufferedIndexInput.GetBufferSize(context), ownsHandle: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new Slicer(file, handle, BufferedIndexInput.GetBufferSize(context), context);
    }

    /// <summary>Fills <paramref name="span"/> from <paramref name="at"/> in the file (a short read is not the end).</summary>
    private static void ReadFully(SafeFileHandle handle, Span<byte> span, long at, long start, object what)
    {
        while (!span.IsEmpty)
        {
            var read = RandomAccess.Read(handle, span, at);
            if (read <= 0)
            {
                throw new EndOfStreamException($"read past EOF: {what} (at {at - start})");
            }

            span = span[read..];
            at += read;
        }
    }

    /// <summary>The terms file (alone or inside a compound file) opened for searching.</summary>
    private static bool KeptInMemory(string name, IOContext context) =>
        context.Context != IOContext.UsageContext.MERGE && name.EndsWith(".tim", StringComparison.Ordinal);

    private sealed class Slicer(string file, SafeFileHandle handle, int bufferSize, IOContext context) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            KeptInMemory(sliceDescription, context)
                ? MemoryInput.Load($"MemoryIndexInput({sliceDescription} in path=\"{file}\")", handle, offset, length)
                : new Input($"PositionalReadIndexInput({sliceDescription} in path=\"{file}\" slice={offset}:{offset + length})",
                handle, offset, length, bufferSize, ownsHandle: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() =>
            OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>Reads [offset, offset + length) of a file. Clones share the handle; only the owning original closes it.</summary>
    private sealed class Input : BufferedIndexInput
    {
        private readonly SafeFileHandle _handle;
        private readonly long _offset;
        private readonly long _length;
        private bool _ownsHandle;

        public Input(string description, SafeFileHandle handle, long offset, long length, int bufferSize, bool ownsHandle)
            : base(description, bufferSize)
        {
            _handle = handle;
            _offset = offset;
            _length = length;
            _ownsHandle = ownsHandle;
        }

        public override long Length => _length;

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone._ownsHandle = false;
            return clone;
        }

        protected override void ReadInternal(byte[] b, int offset, int length)
        {
            var position = Position;
            if (position + length > _length)
            {
                throw new EndOfStreamException($"read past EOF: {this} (position {position}, length {length}, file length {_length})");
            }

            ReadFully(_handle, b.AsSpan(offset, length), _offset + position, _offset, this);
        }

        protected override void SeekInternal(long pos)
        {
            // Reads are positional: nothing to move.
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHandle)
            {
                _handle.Dispose();
            }
        }
    }

    /// <summary>A whole file (or slice) in one array; clones share it and keep their own position.</summary>
    private sealed class MemoryInput : IndexInput
    {
        private readonly byte[] _bytes;
        private int _position;

        private MemoryInput(string description, byte[] bytes)
            : base(description)
        {
            _bytes = bytes;
        }

        public static MemoryInput Load(string description, SafeFileHandle handle, long offset, long length)
        {
            if (length > Array.MaxLength)
            {
                throw new IOException($"{description} is too large to keep in memory ({length} bytes)");
            }

            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            ReadFully(handle, bytes, offset, offset, description);
            return new MemoryInput(description, bytes);
        }

        public override long Length => _bytes.Length;

        public override long Position => _position;

        public override byte ReadByte()
        {
            if ((uint)_position >= (uint)_bytes.Length)
            {
                throw new EndOfStreamException($"read past EOF: {this}");
            }

            return _bytes[_position++];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (len > _bytes.Length - _position)
            {
                throw new EndOfStreamException($"read past EOF: {this} (position {_position}, length {len}, file length {_bytes.Length})");
            }

            Buffer.BlockCopy(_bytes, _position, b, offset, len);
            _position += len;
        }

        public override void Seek(long pos)
        {
            if (pos < 0 || pos > _bytes.Length)
            {
                throw new EndOfStreamException($"seek past EOF: {this} (to {pos}, file length {_bytes.Length})");
            }

            _position = (int)pos;
        }

        public override object Clone() => (MemoryInput)base.Clone();

        protected override void Dispose(bool disposing)
        {
            // The array is the garbage collector's once no clone refers to it.
        }
    }
}
