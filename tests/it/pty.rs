//! A program in a pseudo-terminal from util-linux's `script` (every Debian-like system has
//! it), with everything it writes collected as it comes.

use std::io::Read;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Pty {
    pub child: Child,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
}

impl Pty {
    /// Runs the shell command `inner` in a pseudo-terminal; `setup` adds the environment and
    /// says where `script`'s own stderr goes.
    pub fn spawn(inner: &str, setup: impl FnOnce(&mut Command)) -> Pty {
        let mut cmd = Command::new("script");
        cmd.args(["-q", "-e", "-c", inner, "/dev/null"])
            .env("TERM", "xterm-256color")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        setup(&mut cmd);
        let mut child = cmd
            .spawn()
            .expect("util-linux `script` runs the binary in a pseudo-terminal");
        let mut stdout = child.stdout.take().expect("stdout");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            output,
            reader: Some(reader),
        }
    }

    /// Where keys go.
    pub fn keys(&mut self) -> ChildStdin {
        self.child.stdin.take().expect("stdin")
    }

    /// Everything the terminal has received so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("lock")).into_owned()
    }

    /// Waits until the terminal has received `needle` after byte `from`; returns the byte
    /// after it.
    pub fn wait_for(&self, needle: &str, from: usize) -> usize {
        let start = Instant::now();
        loop {
            let text = self.text();
            if let Some(at) = text.get(from..).and_then(|t| t.find(needle)) {
                return from + at + needle.len();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "never saw {needle:?}; screen so far:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the output to end (the program gone).
    pub fn join(&mut self) {
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}
