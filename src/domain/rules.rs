//! The rules a team works under: its gates and its exclusion lists, in one value passed to
//! every operation.

use super::flags::FlagLists;
use super::gate::GateRules;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rules {
    pub gates: GateRules,
    pub flags: FlagLists,
}
