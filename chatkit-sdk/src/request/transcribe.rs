//! Params of `input.transcribe`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `input.transcribe`: speech to text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct InputTranscribeParams {
    /// The audio, base64.
    pub audio_base64: String,
    /// The MIME type, e.g. `audio/webm;codecs=opus`.
    pub mime_type: String,
}

impl InputTranscribeParams {
    /// The MIME type without parameters (`audio/webm`), as the reference passes it on.
    pub fn media_type(&self) -> &str {
        self.mime_type.split(';').next().unwrap_or_default().trim()
    }
}
