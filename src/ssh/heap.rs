//! The server process's heap. glibc's allocator gives each thread that allocates under
//! contention an arena of its own (up to 8 per core) and keeps freed memory in it; with one
//! thread per session, every session that once built something large (a listing, a quarter's
//! statistics) would keep its peak for the life of the process. The server caps the arenas at
//! two and hands free memory back to the system when a session ends. Elsewhere than glibc
//! these are no-ops.

/// Arenas the allocator may use.
const ARENAS: i32 = 2;

/// Caps the allocator's arenas; call once, before the server's threads start.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before the server's
    // threads exist and touches no Rust-owned memory.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
}

/// Returns the heap's free memory to the system (after a session ended).
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim is thread-safe and only releases memory the allocator holds free.
    unsafe {
        libc::malloc_trim(0);
    }
}
