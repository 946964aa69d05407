//! Response bodies, including the one the `truncate` fault sends: the headers promise the whole
//! answer, half of it arrives, then the connection breaks.

use hyper::body::{Body, Bytes, Frame, SizeHint};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

pub struct Answer {
    data: Option<Bytes>,
    /// Bytes the headers promise that are still to come (`Content-Length` is taken from it).
    promised: u64,
    cut: Cut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    No,
    /// Yield once, so the connection flushes the half that was sent, then fail.
    Pending,
    Now,
}

/// The error that breaks a truncated answer's connection.
#[derive(Debug)]
pub struct Truncated;

impl fmt::Display for Truncated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("answer truncated by an injected fault")
    }
}

impl std::error::Error for Truncated {}

impl Answer {
    pub fn whole(data: impl Into<Bytes>) -> Self {
        let data = data.into();
        Answer { promised: data.len() as u64, data: Some(data), cut: Cut::No }
    }

    /// The first half of `data`, under headers that promise all of it.
    pub fn truncated(data: impl Into<Bytes>) -> Self {
        let data = data.into();
        let promised = data.len() as u64;
        Answer { data: Some(data.slice(..data.len() / 2)), promised, cut: Cut::Pending }
    }
}

impl Body for Answer {
    type Data = Bytes;
    type Error = Truncated;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Truncated>>> {
        if let Some(data) = self.data.take() {
            self.promised -= data.len() as u64;
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        match self.cut {
            Cut::No => Poll::Ready(None),
            Cut::Pending => {
                self.cut = Cut::Now;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Cut::Now => Poll::Ready(Some(Err(Truncated))),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && self.cut == Cut::No
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.promised)
    }
}
