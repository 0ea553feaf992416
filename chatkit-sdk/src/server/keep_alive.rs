//! SSE keep-alive: a comment frame whenever a stream has been quiet for a while (an agent
//! thinking, a tool running), so proxies and browsers do not give up on it. Clients ignore SSE
//! comments.

use std::time::Duration;

use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;

/// The comment frame sent while a stream is quiet.
pub const KEEP_ALIVE_FRAME: &[u8] = b": keep-alive\n\n";

/// `frames`, with [`KEEP_ALIVE_FRAME`] after each `interval` that passes without a frame.
pub fn keep_alive(
    frames: BoxStream<'static, Bytes>,
    interval: Duration,
) -> BoxStream<'static, Bytes> {
    futures::stream::unfold(frames, move |mut frames| async move {
        // `next()` can be dropped half-way: the stream keeps its place.
        match tokio::time::timeout(interval, frames.next()).await {
            Ok(Some(frame)) => Some((frame, frames)),
            Ok(None) => None,
            Err(_) => Some((Bytes::from_static(KEEP_ALIVE_FRAME), frames)),
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_quiet_stream_gets_comments_and_a_busy_one_none() {
        let slow = futures::stream::iter([1u8, 2])
            .then(|n| async move {
                tokio::time::sleep(Duration::from_secs(35)).await;
                Bytes::from(vec![n])
            })
            .boxed();
        let frames: Vec<Bytes> = keep_alive(slow, Duration::from_secs(15)).collect().await;
        let comment = Bytes::from_static(KEEP_ALIVE_FRAME);
        assert_eq!(
            frames,
            [
                comment.clone(),
                comment.clone(),
                Bytes::from(vec![1]),
                comment.clone(),
                comment,
                Bytes::from(vec![2])
            ]
        );
        let busy =
            futures::stream::iter([Bytes::from_static(b"a"), Bytes::from_static(b"b")]).boxed();
        let frames: Vec<Bytes> = keep_alive(busy, Duration::from_secs(15)).collect().await;
        assert_eq!(frames, [Bytes::from_static(b"a"), Bytes::from_static(b"b")]);
    }
}
