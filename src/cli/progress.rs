//! A progress line on standard error for imports, loads and saves that take
//! over a second: what is done, how fast, and for how long. Nothing at all
//! when standard error is not a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// What a [`Spinner`] counts.
#[derive(Clone, Copy)]
pub enum Counting {
    /// Things named by the word given, such as "ties".
    Items(&'static str),
    /// Bytes written or read.
    Bytes,
}

/// A spinner with a message, shown only after a second and only on a terminal.
pub struct Spinner(Option<ProgressBar>);

impl Spinner {
    pub fn start(message: &str, counting: Counting) -> Self {
        if !std::io::stderr().is_terminal() {
            return Spinner(None);
        }
        let template = match counting {
            Counting::Items(unit) => {
                format!("{{spinner}} {{msg}}: {{human_pos}} {unit} · {{rate}}/s · {{elapsed}}")
            }
            Counting::Bytes => {
                "{spinner} {msg}: {binary_bytes} · {binary_bytes_per_sec} · {elapsed}".to_string()
            }
        };
        let bar = ProgressBar::hidden();
        if let Ok(style) = ProgressStyle::with_template(&template) {
            // Whole items a second, grouped: "38,870/s", not "38869.7965/s".
            bar.set_style(style.with_key(
                "rate",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{}", HumanCount(state.per_sec().round() as u64));
                },
            ));
        }
        bar.set_message(message.to_string());
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Spinner(Some(bar))
    }

    /// Keeps the count at what `poll` says, asked ten times a second until
    /// the spinner ends, for work that cannot call back (an import).
    pub fn follow(&self, poll: impl Fn() -> u64 + Send + 'static) {
        if let Some(bar) = &self.0 {
            let bar = bar.clone();
            std::thread::spawn(move || {
                while !bar.is_finished() {
                    bar.set_position(poll());
                    std::thread::sleep(Duration::from_millis(100));
                }
            });
        }
    }

    /// How much is done so far, in what the spinner counts.
    pub fn done(&self, count: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(count);
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}
