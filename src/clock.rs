//! The system clock, read at the edges only: `cli` and `ui` stamp attempts, autosaves and
//! regrades with it and pass the time on; no core module reads a clock.

/// Seconds since the Unix epoch (0 on a clock set before 1970).
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Nanoseconds since the Unix epoch, for names that must differ between two runs.
pub fn now_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// The time now, for comparing with file times.
pub fn now() -> std::time::SystemTime {
    std::time::SystemTime::now()
}

/// A moment to measure time from (how long a dialog stayed open).
pub fn instant() -> std::time::Instant {
    std::time::Instant::now()
}
