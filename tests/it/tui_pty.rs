//! The real binary in a pseudo-terminal, as a user's terminal runs it: open the demo, move,
//! promote a lead whose evidence is complete, quit, and leave the terminal as it was.
//!
//! The pseudo-terminal comes from util-linux's `script`, which every Debian-like system has.

use crate::pty::Pty;
use crate::support::Db;
use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

/// The first lead of the shipped demo list whose gate evidence is complete and fresh.
fn promotable_demo_lead() -> String {
    let mut reader = csv::Reader::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo_leads.csv"
    ))
    .expect("demo list");
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    for record in reader.records() {
        let r = record.expect("row");
        let fresh = r[col("reason_now_days_ago")]
            .parse::<i64>()
            .is_ok_and(|d| d <= 20);
        if r[col("outcome")] == *"lead"
            && r[col("icp_fit")] == *"fit"
            && !r[col("icp_fit_why")].is_empty()
            && r[col("role_relevance")] == *"relevant"
            && !r[col("role_relevance_why")].is_empty()
            && !r[col("intent_source")].is_empty()
            && !r[col("intent_detail")].is_empty()
            && fresh
        {
            return r[col("name")].to_string();
        }
    }
    panic!("the demo list has no promotable lead");
}

#[test]
fn the_demo_opens_moves_promotes_and_quits_cleanly_in_a_terminal() {
    let home = Db::new();
    let data = home.path.parent().expect("dir").join("data");
    let bin = assert_cmd::cargo::cargo_bin("leadgate");
    let inner = format!(
        "stty rows 40 cols 130; exec '{}' --demo --as pty-user",
        bin.display()
    );
    let mut screen = Pty::spawn(&inner, |cmd| {
        cmd.env("XDG_DATA_HOME", &data)
            .env("XDG_CONFIG_HOME", &data)
            .env_remove("LEADGATE_CONFIG")
            .env_remove("NO_COLOR")
            .stderr(Stdio::inherit());
    });
    let mut keys = screen.keys();
    let mut send = |s: &str| {
        keys.write_all(s.as_bytes()).expect("key");
        keys.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(150));
    };

    let at = screen.wait_for("FRIN", 0);
    assert!(
        screen.text().contains("\u{1b}[?1049h"),
        "the workstation uses the alternate screen"
    );
    send("j");
    send("j");
    send("k");
    let name = promotable_demo_lead();
    send("/");
    send(&name);
    send("\r");
    let at = screen.wait_for("Search:", at);
    send("p");
    screen.wait_for("Promoted", at);
    send("q");
    let status = screen.child.wait().expect("exit");
    screen.join();
    let text = screen.text();
    assert!(status.success(), "exit status {status:?}");
    let entered = text.rfind("\u{1b}[?1049h").expect("entered");
    let left = text
        .rfind("\u{1b}[?1049l")
        .expect("the terminal left the alternate screen");
    assert!(
        left > entered,
        "left the alternate screen after entering it"
    );

    // The promotion went through the gate and into the demo database, with its actor.
    let db = data.join("leadgate").join("demo.db");
    let cli = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("leadgate")
            .expect("binary")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let out = cli(&["list", "--stage", "prospect", "--json"]);
    let prospects: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let promoted = prospects
        .as_array()
        .expect("list")
        .iter()
        .find(|l| l["name"] == name.as_str())
        .unwrap_or_else(|| panic!("{name} is a prospect now"));
    let id = promoted["id"].as_str().expect("id");
    let history = String::from_utf8(cli(&["history", id])).expect("utf-8");
    assert!(
        history.contains("pty-user") && history.contains("stage lead → prospect"),
        "{history}"
    );
}
