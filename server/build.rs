//! Rebuilds the server when the embedded web pages (`web/dist`, from scripts/build-web.sh)
//! change, so a fresh `npm run build` always reaches the binary.

fn main() {
    println!("cargo:rerun-if-changed=../web/dist");
}
