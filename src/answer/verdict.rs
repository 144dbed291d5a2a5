//! The answer to a yes-or-no question, weighed from its ties on both axes
//! a tie has: whether its dates show it held in the asked time, and how
//! sure its sources are that it existed at all. The answer is never surer
//! than the weaker of the two.

use serde::Serialize;

use super::TieOut;
use crate::model::{Certainty, Confidence};

/// The answer to a yes-or-no question. Ordered from weakest to surest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No tie held, as far as the graph knows.
    No,
    /// A tie may have held: its dates leave it open, or its sources only
    /// raise it (confidence `possible`).
    Possibly,
    /// A tie surely held then, but its sources only make it probable
    /// (confidence `likely`).
    Likely,
    /// A tie surely held then, and its sources state it as fact.
    Yes,
}

impl From<Certainty> for Verdict {
    fn from(certainty: Certainty) -> Verdict {
        match certainty {
            Certainty::Certainly => Verdict::Yes,
            Certainty::Possibly => Verdict::Possibly,
            Certainty::No => Verdict::No,
        }
    }
}

impl From<Confidence> for Verdict {
    fn from(confidence: Confidence) -> Verdict {
        match confidence {
            Confidence::Confirmed => Verdict::Yes,
            Confidence::Likely => Verdict::Likely,
            Confidence::Possible => Verdict::Possibly,
        }
    }
}

impl Verdict {
    /// `yes`, `likely`, `possibly` or `no`.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Yes => "yes",
            Verdict::Likely => "likely",
            Verdict::Possibly => "possibly",
            Verdict::No => "no",
        }
    }

    /// The verdict the ties that read the question's way support, and why
    /// it falls short of "yes" when it does. Each tie supports the weaker
    /// of its certainty in the asked time and its confidence; the answer
    /// is the best any tie supports, so a tie that surely held but that
    /// its only source rates `possible` answers "possibly", never "yes".
    pub fn weigh<'a, 'g: 'a>(
        ties: impl IntoIterator<Item = &'a TieOut<'g>>,
    ) -> (Verdict, Option<String>) {
        let strength = |t: &TieOut| Verdict::from(t.certainty).min(Verdict::from(t.confidence));
        let Some(best) = ties.into_iter().max_by_key(|t| strength(t)) else {
            return (Verdict::No, None);
        };
        let verdict = strength(best);
        if matches!(verdict, Verdict::Yes | Verdict::No) {
            return (verdict, None);
        }
        let mut reasons = Vec::new();
        if best.certainty != Certainty::Certainly {
            reasons.push("its dates leave open whether it held then".to_string());
        }
        if best.confidence != Confidence::Confirmed {
            let level = best.confidence.as_str();
            reasons.push(match best.sources.as_slice() {
                [] => format!("the graph rates it {level}, citing no source"),
                [only] => format!("its only source, {only}, rates it {level}"),
                many => format!(
                    "its sources, {}, rate it {level}",
                    crate::model::names::and_list(many)
                ),
            });
        }
        (verdict, Some(reasons.join(", and ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::ActorOut;

    fn tie(
        certainty: Certainty,
        confidence: Confidence,
        sources: &[&'static str],
    ) -> TieOut<'static> {
        let actor = ActorOut { id: "a", name: "A" };
        TieOut {
            from: actor,
            to: ActorOut { id: "b", name: "B" },
            relation: "hostility",
            directed: false,
            start: None,
            end: None,
            certainty,
            confidence,
            sources: sources.to_vec(),
            note: None,
            evidence: None,
            ended_with: None,
        }
    }

    #[test]
    fn a_sure_tie_of_a_possible_source_is_only_possibly() {
        let ties = [tie(Certainty::Certainly, Confidence::Possible, &["acled"])];
        let (verdict, because) = Verdict::weigh(&ties);
        assert_eq!(verdict, Verdict::Possibly);
        assert_eq!(
            because.as_deref(),
            Some("its only source, acled, rates it possible")
        );
    }

    #[test]
    fn a_sure_likely_tie_is_likely_and_names_its_sources() {
        let ties = [tie(
            Certainty::Certainly,
            Confidence::Likely,
            &["a", "b", "c"],
        )];
        let (verdict, because) = Verdict::weigh(&ties);
        assert_eq!(verdict, Verdict::Likely);
        assert_eq!(
            because.as_deref(),
            Some("its sources, a, b and c, rate it likely")
        );
    }

    #[test]
    fn only_a_sure_confirmed_tie_says_yes() {
        let ties = [
            tie(Certainty::Certainly, Confidence::Likely, &["a"]),
            tie(Certainty::Certainly, Confidence::Confirmed, &["b"]),
        ];
        assert_eq!(Verdict::weigh(&ties), (Verdict::Yes, None));
        let ties = [tie(Certainty::Possibly, Confidence::Confirmed, &["b"])];
        let (verdict, because) = Verdict::weigh(&ties);
        assert_eq!(verdict, Verdict::Possibly);
        assert_eq!(
            because.as_deref(),
            Some("its dates leave open whether it held then")
        );
    }

    #[test]
    fn both_shortfalls_are_said() {
        let ties = [tie(Certainty::Possibly, Confidence::Likely, &["un"])];
        let (verdict, because) = Verdict::weigh(&ties);
        assert_eq!(verdict, Verdict::Possibly);
        assert_eq!(
            because.as_deref(),
            Some("its dates leave open whether it held then, and its only source, un, rates it likely")
        );
    }

    #[test]
    fn no_tie_then_is_no() {
        assert_eq!(Verdict::weigh(&[]), (Verdict::No, None));
        let ties = [tie(Certainty::No, Confidence::Confirmed, &["a"])];
        assert_eq!(Verdict::weigh(&ties), (Verdict::No, None));
    }
}
