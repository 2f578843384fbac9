//! Resident memory: what long runs give back to the system. Not a stage;
//! the models' loaders and the ingest writer call it.

/// Drop from this process's resident memory the pages of embedded bytes (a
/// model's weights in the binary's read-only data) once they have been
/// decoded: they stay counted as resident otherwise, though never read
/// again (both languages' models: about 35 MB). Only the pages wholly inside
/// `bytes` are dropped; a later read pages them in again from the binary, so
/// this changes what is resident, never what is read. Linux only.
pub fn release_embedded(bytes: &'static [u8]) {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: sysconf has no preconditions.
        let page = match usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }) {
            Ok(p) if p.is_power_of_two() => p,
            _ => return,
        };
        let start = bytes.as_ptr() as usize;
        let first = (start + page - 1) & !(page - 1);
        let end = (start + bytes.len()) & !(page - 1);
        if end > first {
            // SAFETY: the range lies in a static byte slice, mapped read-only
            // from the executable and never written: the kernel drops its
            // pages and reads them from the file again if they are touched.
            unsafe { libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_DONTNEED) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = bytes;
}

/// Reads embedded bytes (a model file in the binary) and gives back, as it
/// goes, the pages already read (see [`release_embedded`]): a model decoded
/// through it never has the whole file resident next to its decoded form.
pub struct ReleasingReader {
    bytes: &'static [u8],
    pos: usize,
    released: usize,
}

/// Read pages are given back by steps of this many bytes.
const RELEASE_STEP: usize = 1 << 20;

impl ReleasingReader {
    pub fn new(bytes: &'static [u8]) -> ReleasingReader {
        ReleasingReader {
            bytes,
            pos: 0,
            released: 0,
        }
    }
}

impl std::io::Read for ReleasingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.bytes.len() - self.pos);
        buf[..n].copy_from_slice(&self.bytes[self.pos..self.pos + n]);
        self.pos += n;
        if self.pos - self.released >= RELEASE_STEP || self.pos == self.bytes.len() {
            // A page across the step's end stays: released when the whole file is.
            release_embedded(&self.bytes[self.released..self.pos]);
            self.released = self.pos;
        }
        Ok(n)
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> std::io::Result<()> {
        if buf.len() > self.bytes.len() - self.pos {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let mut read = 0;
        while read < buf.len() {
            read += self.read(&mut buf[read..])?;
        }
        Ok(())
    }
}

/// Keep every large block (128 KiB or more) in a mapping of its own, given
/// back to the system when freed. glibc otherwise raises this threshold to
/// the largest block freed so far (up to 32 MiB), after which large blocks
/// come from the heap: a model's arrays, growing while they are read, then
/// leave holes there that stay resident (loading both languages' syntax
/// models peaked 11 MB higher). Call once, at the start.
pub fn keep_large_blocks_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Give the memory freed so far back to the system (glibc keeps freed
/// pages of its arenas otherwise, and a long ingest frees a batch at a time).
pub fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}
