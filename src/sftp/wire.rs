//! The SFTP version 3 wire format (draft-ietf-secsh-filexfer-02, what OpenSSH, WinSCP and Xftp
//! speak): framing of length-prefixed packets from a byte stream, reading requests and writing
//! replies. No file system here.

use thiserror::Error;

/// Packet types.
pub mod fxp {
    pub const INIT: u8 = 1;
    pub const VERSION: u8 = 2;
    pub const OPEN: u8 = 3;
    pub const CLOSE: u8 = 4;
    pub const READ: u8 = 5;
    pub const WRITE: u8 = 6;
    pub const LSTAT: u8 = 7;
    pub const FSTAT: u8 = 8;
    pub const SETSTAT: u8 = 9;
    pub const FSETSTAT: u8 = 10;
    pub const OPENDIR: u8 = 11;
    pub const READDIR: u8 = 12;
    pub const REMOVE: u8 = 13;
    pub const MKDIR: u8 = 14;
    pub const RMDIR: u8 = 15;
    pub const REALPATH: u8 = 16;
    pub const STAT: u8 = 17;
    pub const RENAME: u8 = 18;
    pub const READLINK: u8 = 19;
    pub const SYMLINK: u8 = 20;
    pub const STATUS: u8 = 101;
    pub const HANDLE: u8 = 102;
    pub const DATA: u8 = 103;
    pub const NAME: u8 = 104;
    pub const ATTRS: u8 = 105;
    pub const EXTENDED: u8 = 200;
}

/// Status codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Code {
    Ok = 0,
    Eof = 1,
    NoSuchFile = 2,
    PermissionDenied = 3,
    Failure = 4,
    BadMessage = 5,
    OpUnsupported = 8,
}

/// Open flags.
pub mod pflags {
    pub const READ: u32 = 0x01;
    pub const WRITE: u32 = 0x02;
    pub const APPEND: u32 = 0x04;
    pub const CREAT: u32 = 0x08;
    pub const TRUNC: u32 = 0x10;
    pub const EXCL: u32 = 0x20;
}

/// Attribute flags.
mod aflags {
    pub const SIZE: u32 = 0x01;
    pub const UIDGID: u32 = 0x02;
    pub const PERMISSIONS: u32 = 0x04;
    pub const ACMODTIME: u32 = 0x08;
    pub const EXTENDED: u32 = 0x8000_0000;
}

/// The largest packet accepted: a 256 KiB write plus its header (OpenSSH sends 32 KiB,
/// WinSCP up to 256 KiB).
pub const MAX_PACKET: usize = 256 * 1024 + 1024;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum WireError {
    #[error("packet too short")]
    Short,
    #[error("packet of {0} bytes is over the limit")]
    TooLong(usize),
    #[error("text is not UTF-8")]
    NotUtf8,
}

/// File attributes, as far as they are used here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attrs {
    pub size: Option<u64>,
    pub permissions: Option<u32>,
    /// Access and modification time, seconds since 1970.
    pub times: Option<(u32, u32)>,
}

/// Splits a byte stream into packets (without their length prefix).
#[derive(Debug, Default)]
pub struct Framer {
    buf: Vec<u8>,
}

impl Framer {
    /// Adds bytes; returns the complete packets, or an error when a packet announces more than
    /// [`MAX_PACKET`] bytes (the stream cannot be trusted after that).
    pub fn feed(&mut self, bytes: &[u8]) -> Result<Vec<Vec<u8>>, WireError> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while self.buf.len() - at >= 4 {
            let len = u32::from_be_bytes([
                self.buf[at],
                self.buf[at + 1],
                self.buf[at + 2],
                self.buf[at + 3],
            ]) as usize;
            if len > MAX_PACKET {
                return Err(WireError::TooLong(len));
            }
            if self.buf.len() - at - 4 < len {
                break;
            }
            out.push(self.buf[at + 4..at + 4 + len].to_vec());
            at += 4 + len;
        }
        self.buf.drain(..at);
        Ok(out)
    }
}

/// Reads the fields of one packet in order.
pub struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(b: &'a [u8]) -> Self {
        Reader { b }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if self.b.len() < n {
            return Err(WireError::Short);
        }
        let (head, tail) = self.b.split_at(n);
        self.b = tail;
        Ok(head)
    }

    pub fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }

    pub fn u32(&mut self) -> Result<u32, WireError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u64(&mut self) -> Result<u64, WireError> {
        Ok((u64::from(self.u32()?) << 32) | u64::from(self.u32()?))
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], WireError> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    pub fn text(&mut self) -> Result<&'a str, WireError> {
        std::str::from_utf8(self.bytes()?).map_err(|_| WireError::NotUtf8)
    }

    pub fn attrs(&mut self) -> Result<Attrs, WireError> {
        let flags = self.u32()?;
        let mut a = Attrs::default();
        if flags & aflags::SIZE != 0 {
            a.size = Some(self.u64()?);
        }
        if flags & aflags::UIDGID != 0 {
            self.u32()?;
            self.u32()?;
        }
        if flags & aflags::PERMISSIONS != 0 {
            a.permissions = Some(self.u32()?);
        }
        if flags & aflags::ACMODTIME != 0 {
            a.times = Some((self.u32()?, self.u32()?));
        }
        if flags & aflags::EXTENDED != 0 {
            for _ in 0..self.u32()? {
                self.bytes()?;
                self.bytes()?;
            }
        }
        Ok(a)
    }
}

/// Builds one reply packet, length prefix included.
pub struct Writer {
    b: Vec<u8>,
}

impl Writer {
    pub fn new(kind: u8) -> Self {
        let mut b = vec![0, 0, 0, 0];
        b.push(kind);
        Writer { b }
    }

    pub fn u32(mut self, v: u32) -> Self {
        self.b.extend_from_slice(&v.to_be_bytes());
        self
    }

    pub fn u64(mut self, v: u64) -> Self {
        self.b.extend_from_slice(&v.to_be_bytes());
        self
    }

    pub fn bytes(mut self, v: &[u8]) -> Self {
        let n = u32::try_from(v.len()).unwrap_or(u32::MAX);
        self.b.extend_from_slice(&n.to_be_bytes());
        self.b.extend_from_slice(v);
        self
    }

    pub fn text(self, v: &str) -> Self {
        self.bytes(v.as_bytes())
    }

    pub fn attrs(mut self, a: &Attrs) -> Self {
        let mut flags = 0;
        if a.size.is_some() {
            flags |= aflags::SIZE;
        }
        if a.permissions.is_some() {
            flags |= aflags::PERMISSIONS;
        }
        if a.times.is_some() {
            flags |= aflags::ACMODTIME;
        }
        self = self.u32(flags);
        if let Some(s) = a.size {
            self = self.u64(s);
        }
        if let Some(p) = a.permissions {
            self = self.u32(p);
        }
        if let Some((at, mt)) = a.times {
            self = self.u32(at).u32(mt);
        }
        self
    }

    pub fn finish(mut self) -> Vec<u8> {
        let n = u32::try_from(self.b.len() - 4).unwrap_or(u32::MAX);
        self.b[..4].copy_from_slice(&n.to_be_bytes());
        self.b
    }
}

/// A STATUS reply.
pub fn status(id: u32, code: Code, message: &str) -> Vec<u8> {
    Writer::new(fxp::STATUS)
        .u32(id)
        .u32(code as u32)
        .text(message)
        .text("")
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_split_anywhere() {
        let a = Writer::new(fxp::INIT).u32(3).finish();
        let b = status(7, Code::Eof, "end");
        let stream: Vec<u8> = [a.clone(), b.clone()].concat();
        for cut in 0..=stream.len() {
            let mut f = Framer::default();
            let mut got = f.feed(&stream[..cut]).unwrap();
            got.extend(f.feed(&stream[cut..]).unwrap());
            assert_eq!(got, vec![a[4..].to_vec(), b[4..].to_vec()], "cut {cut}");
        }
    }

    #[test]
    fn refuses_huge_packets() {
        let mut f = Framer::default();
        let len = (MAX_PACKET as u32 + 1).to_be_bytes();
        assert_eq!(f.feed(&len), Err(WireError::TooLong(MAX_PACKET + 1)));
    }

    #[test]
    fn attrs_round_trip() {
        let a = Attrs {
            size: Some(1 << 40),
            permissions: Some(0o100644),
            times: Some((1, 2)),
        };
        let p = Writer::new(fxp::ATTRS).u32(9).attrs(&a).finish();
        let mut r = Reader::new(&p[4..]);
        assert_eq!(r.u8().unwrap(), fxp::ATTRS);
        assert_eq!(r.u32().unwrap(), 9);
        assert_eq!(r.attrs().unwrap(), a);
        assert_eq!(r.u8(), Err(WireError::Short));
    }

    #[test]
    fn reads_uid_gid_and_extensions_it_ignores() {
        let p = Writer::new(0)
            .u32(aflags::UIDGID | aflags::EXTENDED)
            .u32(1000)
            .u32(1000)
            .u32(1)
            .text("k")
            .text("v")
            .finish();
        let mut r = Reader::new(&p[5..]);
        assert_eq!(r.attrs().unwrap(), Attrs::default());
    }

    #[test]
    fn short_and_bad_text_is_an_error_not_a_panic() {
        let mut r = Reader::new(&[0, 0, 0, 9, b'a']);
        assert_eq!(r.text(), Err(WireError::Short));
        let mut r = Reader::new(&[0, 0, 0, 1, 0xff]);
        assert_eq!(r.text(), Err(WireError::NotUtf8));
    }
}
