//! Any request body: decoding never panics, and a request that decodes is written stably: what
//! we write decodes to the same request, which writes the same JSON.
#![no_main]

use chatkit_sdk::ChatKitRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let Ok(request) = ChatKitRequest::from_slice(body) else {
        return;
    };
    let written = serde_json::to_vec(&request).expect("a decoded request encodes");
    let again = ChatKitRequest::from_slice(&written).expect("what we write decodes");
    let rewritten = serde_json::to_vec(&again).expect("a decoded request encodes");
    assert_eq!(
        String::from_utf8_lossy(&rewritten),
        String::from_utf8_lossy(&written),
        "the request is not written the same once read back"
    );
});
