//! `chatkit-schema`: writes (or with `--check`, verifies) the exported JSON Schema files.

use std::process::ExitCode;

use anyhow::Context;

fn main() -> anyhow::Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = chatkit_schema::schema_dir();
    match args.as_slice() {
        [] => {
            for path in chatkit_schema::write(&dir).context("writing the schema files")? {
                println!("wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        [flag] if flag == "--check" => {
            let stale = chatkit_schema::stale_files(&dir);
            if stale.is_empty() {
                println!("schema files are up to date");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "schema files differ from the Rust types: {}\nrun `cargo run -p chatkit-schema` and commit the result",
                    stale.join(", ")
                );
                Ok(ExitCode::FAILURE)
            }
        }
        _ => {
            eprintln!("usage: chatkit-schema [--check]");
            Ok(ExitCode::from(2))
        }
    }
}
