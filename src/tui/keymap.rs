//! Every key binding, in one table. The loop maps keys through it, and the status bar hints and
//! the `?` overlay are generated from it, so help never drifts from behaviour.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::domain::Queue;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere outside a popup.
    Global,
    Queue,
    Detail,
}

/// A key as written in help: a code and modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn k(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}
const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// One binding of the main screen.
pub struct Binding {
    pub keys: &'static [Key],
    pub scope: Scope,
    pub action: fn() -> Action,
    pub help: &'static str,
    /// Shown in the status bar of its scope.
    pub hint: Option<&'static str>,
}

macro_rules! bind {
    ($scope:ident, [$($key:expr),+], $action:expr, $help:literal, $hint:expr) => {
        Binding { keys: &[$($key),+], scope: Scope::$scope, action: || $action, help: $help, hint: $hint }
    };
}

pub const BINDINGS: &[Binding] = &[
    bind!(
        Global,
        [k('j'), code(KeyCode::Down)],
        Action::Down,
        "Move down",
        None
    ),
    bind!(
        Global,
        [k('k'), code(KeyCode::Up)],
        Action::Up,
        "Move up",
        None
    ),
    bind!(
        Global,
        [k('g'), code(KeyCode::Home)],
        Action::Top,
        "First lead",
        None
    ),
    bind!(
        Global,
        [k('G'), code(KeyCode::End)],
        Action::Bottom,
        "Last lead",
        None
    ),
    bind!(
        Global,
        [code(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "Page down",
        None
    ),
    bind!(
        Global,
        [code(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        "Page up",
        None
    ),
    bind!(
        Global,
        [code(KeyCode::Tab)],
        Action::FocusNext,
        "Next pane",
        Some("Tab pane")
    ),
    bind!(
        Global,
        [code(KeyCode::BackTab)],
        Action::FocusPrev,
        "Previous pane",
        None
    ),
    bind!(
        Global,
        [k('p')],
        Action::Promote,
        "Promote (the gate checks the evidence)",
        Some("p promote")
    ),
    bind!(
        Global,
        [k('n')],
        Action::Nurture,
        "Nurture, with a reason code",
        Some("n nurture")
    ),
    bind!(
        Global,
        [k('x')],
        Action::Disqualify,
        "Disqualify, with a reason code",
        Some("x disqualify")
    ),
    bind!(
        Global,
        [k('D')],
        Action::Demote,
        "Demote one stage, with a reason code",
        None
    ),
    bind!(
        Global,
        [k('R')],
        Action::Reopen,
        "Reopen a nurtured or disqualified lead",
        None
    ),
    bind!(
        Global,
        [k('a')],
        Action::Accept,
        "Accept the rules' suggestions (you verify them)",
        Some("a accept")
    ),
    bind!(
        Global,
        [k('w')],
        Action::AssignOwner,
        "Assign an owner: one already in the list, or typed",
        None
    ),
    bind!(
        Global,
        [k('v')],
        Action::Mark,
        "Mark or unmark the lead for a bulk action",
        None
    ),
    bind!(
        Global,
        [k('V')],
        Action::MarkRange,
        "Mark a range: from the last mark down or up to here",
        None
    ),
    bind!(
        Global,
        [k('*')],
        Action::MarkAll,
        "Mark every lead of this queue and filter (again: clear)",
        None
    ),
    bind!(
        Global,
        [k('u')],
        Action::Undo,
        "Undo the last action (recorded, not erased)",
        Some("u undo")
    ),
    bind!(
        Global,
        [k('i')],
        Action::CycleIcpFit,
        "ICP fit: unknown → fit → not fit",
        Some("i fit")
    ),
    bind!(
        Global,
        [k('r')],
        Action::CycleRoleRelevance,
        "Role relevance: unknown → relevant → not relevant",
        Some("r role")
    ),
    bind!(
        Global,
        [k('f')],
        Action::ResolveFlag,
        "Resolve an exclusion flag, with a note",
        None
    ),
    bind!(
        Global,
        [k('I')],
        Action::Import,
        "Import a CSV file (asks for its path)",
        None
    ),
    bind!(
        Global,
        [k('/')],
        Action::Search,
        "Search name, email, company, title, notes",
        Some("/ search")
    ),
    bind!(
        Global,
        [k('s')],
        Action::FilterSource,
        "Filter by source",
        None
    ),
    bind!(
        Global,
        [k('o')],
        Action::FilterOwner,
        "Filter by owner",
        None
    ),
    bind!(
        Global,
        [k(']'), k('l')],
        Action::NextQueue,
        "Next queue",
        None
    ),
    bind!(
        Global,
        [k('['), k('h')],
        Action::PrevQueue,
        "Previous queue",
        None
    ),
    bind!(
        Global,
        [k('1')],
        Action::Queue(Queue::Today),
        "Today: active leads and due reviews",
        None
    ),
    bind!(
        Global,
        [k('2')],
        Action::Queue(Queue::Prospects),
        "Prospects and opportunities",
        None
    ),
    bind!(
        Global,
        [k('3')],
        Action::Queue(Queue::Nurture),
        "Nurture",
        None
    ),
    bind!(
        Global,
        [k('4')],
        Action::Queue(Queue::Disqualified),
        "Disqualified",
        None
    ),
    bind!(
        Global,
        [k('5')],
        Action::Queue(Queue::All),
        "All leads",
        None
    ),
    bind!(
        Global,
        [k('6')],
        Action::Queue(Queue::Unsupported),
        "Unsupported: evidence no longer holds",
        None
    ),
    bind!(
        Global,
        [k('8')],
        Action::Queue(Queue::Handoffs),
        "Handoffs: sent to an AE, or accepted",
        None
    ),
    bind!(
        Global,
        [k('9')],
        Action::Queue(Queue::Stalled),
        "Stalled: no touch or change for the rules' days",
        None
    ),
    bind!(
        Global,
        [k('0')],
        Action::Queue(Queue::Review),
        "Review: disputed handoffs, for a manager",
        None
    ),
    bind!(
        Global,
        [code(KeyCode::Esc)],
        Action::Back,
        "Clear the marks, then leave search, clear filters",
        None
    ),
    bind!(
        Global,
        [k('7')],
        Action::Reports,
        "Reports: funnel, conversion, readiness (again: refresh)",
        None
    ),
    bind!(
        Global,
        [k('P')],
        Action::Package,
        "Handoff package: send, accept, reject, dispute, settle",
        None
    ),
    bind!(
        Global,
        [k('L')],
        Action::LogTouch,
        "Log a touch: call, email, meeting, LinkedIn or note",
        None
    ),
    bind!(
        Global,
        [k('H')],
        Action::History,
        "The whole history, full screen (Enter on History too)",
        None
    ),
    bind!(
        Global,
        [k('A')],
        Action::AddLead,
        "Add a lead: name, email, company, title, source",
        None
    ),
    bind!(Global, [k('?')], Action::Help, "This help", Some("? help")),
    bind!(
        Global,
        [k('q'), ctrl('c')],
        Action::Quit,
        "Quit",
        Some("q quit")
    ),
    bind!(
        Detail,
        [code(KeyCode::Enter), k('e')],
        Action::Edit,
        "Edit the selected field (lead pane)",
        Some("Enter edit")
    ),
    bind!(
        Queue,
        [code(KeyCode::Enter), k('e')],
        Action::Edit,
        "Go to the first missing evidence (queue pane)",
        Some("Enter edit")
    ),
];

/// The action bound to `key` in `scope`, if any.
#[must_use]
pub fn action_for(scope: Scope, key: KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope || b.scope == Scope::Global)
        .find(|b| b.keys.iter().any(|bk| matches(*bk, key)))
        .map(|b| (b.action)())
}

/// Whether a pressed key is this binding's key. Shift is part of the character, not a modifier.
#[must_use]
pub fn matches(bound: Key, key: KeyEvent) -> bool {
    let mods = key.modifiers - KeyModifiers::SHIFT;
    bound.0 == key.code && bound.1 == mods
}

/// Keys inside popups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupKey {
    Up,
    Down,
    Top,
    Bottom,
    Confirm,
    Cancel,
    NextPart,
    Newline,
    Promote,
    Left,
    Right,
    Send,
    AcceptHandoff,
    RejectHandoff,
    Dispute,
    Uphold,
    Overturn,
    AddStakeholder,
    RemoveStakeholder,
    LogTouch,
}

/// Which popups a popup binding applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupScope {
    /// Lists: reason codes, filter values, the refused-promotion checklist.
    List,
    /// The field editor and the search prompt.
    Text,
    /// The refused-promotion panel only.
    Refused,
    /// The value part of the field editor (a choice such as fit / not fit / unknown).
    Choice,
    /// The handoff package (besides the list keys).
    Package,
}

pub struct PopupBinding {
    pub keys: &'static [Key],
    pub scope: PopupScope,
    pub key: PopupKey,
    pub help: &'static str,
}

const fn alt(c: KeyCode) -> Key {
    Key(c, KeyModifiers::ALT)
}

pub const POPUP_BINDINGS: &[PopupBinding] = &[
    PopupBinding {
        keys: &[k('j'), code(KeyCode::Down)],
        scope: PopupScope::List,
        key: PopupKey::Down,
        help: "Next choice",
    },
    PopupBinding {
        keys: &[k('k'), code(KeyCode::Up)],
        scope: PopupScope::List,
        key: PopupKey::Up,
        help: "Previous choice",
    },
    PopupBinding {
        keys: &[k('g'), code(KeyCode::Home)],
        scope: PopupScope::List,
        key: PopupKey::Top,
        help: "First choice",
    },
    PopupBinding {
        keys: &[k('G'), code(KeyCode::End)],
        scope: PopupScope::List,
        key: PopupKey::Bottom,
        help: "Last choice (another letter: the next choice starting with it)",
    },
    PopupBinding {
        keys: &[code(KeyCode::Enter)],
        scope: PopupScope::List,
        key: PopupKey::Confirm,
        help: "Choose / fill in the item",
    },
    PopupBinding {
        keys: &[code(KeyCode::Esc), k('q')],
        scope: PopupScope::List,
        key: PopupKey::Cancel,
        help: "Close",
    },
    PopupBinding {
        keys: &[k('p')],
        scope: PopupScope::Refused,
        key: PopupKey::Promote,
        help: "Promote once every item passes",
    },
    PopupBinding {
        keys: &[k('s')],
        scope: PopupScope::Package,
        key: PopupKey::Send,
        help: "Send the handoff to an AE (they become the owner)",
    },
    PopupBinding {
        keys: &[k('a')],
        scope: PopupScope::Package,
        key: PopupKey::AcceptHandoff,
        help: "Accept a handoff sent to you",
    },
    PopupBinding {
        keys: &[k('r')],
        scope: PopupScope::Package,
        key: PopupKey::RejectHandoff,
        help: "Reject it with a reason code (back to the SDR's Today)",
    },
    PopupBinding {
        keys: &[k('d')],
        scope: PopupScope::Package,
        key: PopupKey::Dispute,
        help: "Dispute a rejection (to the Review queue)",
    },
    PopupBinding {
        keys: &[k('O')],
        scope: PopupScope::Package,
        key: PopupKey::Overturn,
        help: "Overturn a disputed rejection (managers)",
    },
    PopupBinding {
        keys: &[k('U')],
        scope: PopupScope::Package,
        key: PopupKey::Uphold,
        help: "Uphold a disputed rejection (managers)",
    },
    PopupBinding {
        keys: &[k('+')],
        scope: PopupScope::Package,
        key: PopupKey::AddStakeholder,
        help: "Add a stakeholder",
    },
    PopupBinding {
        keys: &[k('-')],
        scope: PopupScope::Package,
        key: PopupKey::RemoveStakeholder,
        help: "Remove a stakeholder by its number",
    },
    PopupBinding {
        keys: &[k('L')],
        scope: PopupScope::Package,
        key: PopupKey::LogTouch,
        help: "Log a touch",
    },
    PopupBinding {
        keys: &[code(KeyCode::Enter)],
        scope: PopupScope::Text,
        key: PopupKey::Confirm,
        help: "Save",
    },
    PopupBinding {
        keys: &[code(KeyCode::Esc)],
        scope: PopupScope::Text,
        key: PopupKey::Cancel,
        help: "Cancel (nothing saved)",
    },
    PopupBinding {
        keys: &[code(KeyCode::Tab)],
        scope: PopupScope::Text,
        key: PopupKey::NextPart,
        help: "Next part (value, why, date)",
    },
    PopupBinding {
        keys: &[alt(KeyCode::Enter), ctrl('j')],
        scope: PopupScope::Text,
        key: PopupKey::Newline,
        help: "New line in evidence text",
    },
    PopupBinding {
        keys: &[code(KeyCode::Left)],
        scope: PopupScope::Choice,
        key: PopupKey::Left,
        help: "Previous value (on the value part; letters always type the why)",
    },
    PopupBinding {
        keys: &[code(KeyCode::Right), k(' ')],
        scope: PopupScope::Choice,
        key: PopupKey::Right,
        help: "Next value (on the value part)",
    },
];

/// The popup key bound to `key` in `scope`.
#[must_use]
pub fn popup_key(scope: PopupScope, key: KeyEvent) -> Option<PopupKey> {
    POPUP_BINDINGS
        .iter()
        .filter(|b| {
            b.scope == scope
                || (matches!(scope, PopupScope::Refused | PopupScope::Package)
                    && b.scope == PopupScope::List)
                || (scope == PopupScope::Choice && b.scope == PopupScope::Text)
        })
        .find(|b| b.keys.iter().any(|bk| matches(*bk, key)))
        .map(|b| b.key)
}

/// A key as people write it: `j`, `Ctrl-c`, `PgDn`.
#[must_use]
pub fn key_name(key: Key) -> String {
    let base = match key.0 {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        other => format!("{other:?}"),
    };
    if key.1.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else if key.1.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

/// The keys of a binding, for help: `j ↓`.
#[must_use]
pub fn keys_text(keys: &[Key]) -> String {
    keys.iter()
        .map(|k| key_name(*k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The status-bar hints for `scope`.
#[must_use]
pub fn hints(scope: Scope) -> Vec<&'static str> {
    let mut seen = Vec::new();
    // The pane's own keys first, then the ones that work everywhere.
    let own = BINDINGS.iter().filter(|b| b.scope == scope);
    for b in own.chain(BINDINGS.iter().filter(|b| b.scope == Scope::Global)) {
        if let Some(h) = b.hint.filter(|h| !seen.contains(h)) {
            seen.push(h);
        }
    }
    seen
}

/// The digit that opens `q`: the tab bar shows it beside the queue's name.
#[must_use]
pub fn queue_key(q: Queue) -> char {
    match q {
        Queue::Today => '1',
        Queue::Prospects => '2',
        Queue::Nurture => '3',
        Queue::Disqualified => '4',
        Queue::All => '5',
        Queue::Unsupported => '6',
        Queue::Handoffs => '8',
        Queue::Stalled => '9',
        Queue::Review => '0',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for scope in [Scope::Queue, Scope::Detail] {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS
                .iter()
                .filter(|b| b.scope == scope || b.scope == Scope::Global)
            {
                for key in b.keys {
                    assert!(!seen.contains(key), "{} bound twice", key_name(*key));
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn shifted_letters_match_their_binding() {
        let key = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert!(matches!(
            action_for(Scope::Queue, key),
            Some(Action::Bottom)
        ));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(
            action_for(Scope::Detail, ctrl_c),
            Some(Action::Quit)
        ));
    }
}
