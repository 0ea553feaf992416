#!/usr/bin/env bash
# Measures what 100 `widget!` invocations cost at compile time: a scratch crate with 100
# functions, each building a small card, once with `widget!` and once with the builders.
# Dependencies are built first, so the timings are of the crate itself (debug, 2 cores).
#   scripts/macro-compile-cost.sh [N]
set -euo pipefail
n=${1:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_crate() { # name, body generator
  local dir="$work/$1"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
[dependencies]
chatkit-sdk = { path = "$root/chatkit-sdk" }
[workspace]
TOML
  {
    echo "use chatkit_sdk::widget::*;"
    for i in $(seq 1 "$n"); do "$2" "$i"; done
  } > "$dir/src/lib.rs"
}

macro_fn() {
  cat <<RS
pub fn card_$1(items: &[&str], flag: bool) -> Card {
    chatkit_sdk::widget! {
        <Card size="md" padding=2>
            <Title value="Card $1" size="lg" />
            <Row gap=2 align="center">
                for item in items { <Text value={item.to_string()} color="secondary" /> }
                if flag { <Badge label="new" color="success" /> }
            </Row>
            <Button label="Go" color="primary" onClickAction={ActionConfig::new("go_$1")} />
        </Card>
    }
}
RS
}

builder_fn() {
  cat <<RS
pub fn card_$1(items: &[&str], flag: bool) -> Card {
    let mut row = Row::new().gap(2).align(Alignment::Center);
    for item in items { row = row.child(Text::new(item.to_string()).color("secondary")); }
    if flag { row = row.child(Badge::new("new").color(BadgeColor::Success)); }
    Card::new().size(CardSize::Md).padding(2)
        .child(Title::new("Card $1").size(TitleSize::Lg))
        .child(row)
        .child(Button::new("Go").color(ButtonColor::Primary).on_click_action(ActionConfig::new("go_$1")))
}
RS
}

make_crate with_macro macro_fn
make_crate with_builders builder_fn
for name in with_macro with_builders; do
  (cd "$work/$name" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build -q)
  echo "// rebuild" >> "$work/$name/src/lib.rs"
  start=$(date +%s.%N)
  (cd "$work/$name" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build -q)
  end=$(date +%s.%N)
  printf '%s: %s functions, %.2f s (debug build of the crate alone)\n' "$name" "$n" "$(echo "$end - $start" | bc)"
done
