//! Format migrations: the chain of steps that brings a file from an older format version up to
//! the current one, one version at a time.
//!
//! The chain is generic over what a step transforms. Board files use typed values, one type per
//! format version (`board_file::Versioned`), rather than `ron::Value`: `ron::Value` cannot hold
//! an enum variant such as `routing: Elbow` (it becomes `()`), so a migration through it would
//! silently lose data.

use thiserror::Error;

/// One migration: turns a file of format version `from` into one of version `from + 1`.
pub struct Step<T> {
    /// The version this step reads.
    pub from: u32,
    /// What changed in the format, in a few words ("edges gained ids").
    pub description: &'static str,
    /// The conversion; an error says in plain words what could not be converted.
    pub run: fn(T) -> Result<T, String>,
}

/// Why a file could not be brought up to the current format version.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MigrateError {
    #[error("this archdrill cannot read format version {version}")]
    Unreadable { version: u32 },
    #[error("this archdrill has no way to bring format version {from} up to version {}", from + 1)]
    Gap { from: u32 },
    #[error("two migrations start at format version {from}")]
    Duplicate { from: u32 },
    #[error(
        "a migration starts at format version {from}, outside the versions this archdrill reads"
    )]
    Stray { from: u32 },
    #[error(
        "could not bring the board from format version {from} up to {} ({description}): {reason}",
        from + 1
    )]
    Failed {
        from: u32,
        description: &'static str,
        reason: String,
    },
}

/// Applies `steps` to `value`, a file of version `from`, until it is of version `to`. Each
/// version in between needs exactly one step; steps run in version order, whatever their
/// order in the slice. `from == to` returns the value unchanged.
pub fn migrate_with<T>(steps: &[Step<T>], from: u32, to: u32, value: T) -> Result<T, MigrateError> {
    let mut value = value;
    for version in from..to {
        let step = step_from(steps, version)?;
        value = (step.run)(value).map_err(|reason| MigrateError::Failed {
            from: version,
            description: step.description,
            reason,
        })?;
    }
    Ok(value)
}

/// Checks that `steps` lead from `oldest` to `current` with no gap and no version twice, and
/// that none starts outside that range.
pub fn check_chain<T>(steps: &[Step<T>], oldest: u32, current: u32) -> Result<(), MigrateError> {
    for version in oldest..current {
        step_from(steps, version)?;
    }
    match steps.iter().find(|s| s.from < oldest || s.from >= current) {
        Some(stray) => Err(MigrateError::Stray { from: stray.from }),
        None => Ok(()),
    }
}

fn step_from<T>(steps: &[Step<T>], version: u32) -> Result<&Step<T>, MigrateError> {
    let mut found = steps.iter().filter(|s| s.from == version);
    match (found.next(), found.next()) {
        (Some(step), None) => Ok(step),
        (None, _) => Err(MigrateError::Gap { from: version }),
        (Some(_), Some(_)) => Err(MigrateError::Duplicate { from: version }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy chain 1 -> 2 -> 3 whose steps log what they did, listed out of order.
    fn steps() -> Vec<Step<Vec<String>>> {
        vec![
            Step {
                from: 2,
                description: "third",
                run: |mut log| {
                    log.push("2->3".into());
                    Ok(log)
                },
            },
            Step {
                from: 1,
                description: "second",
                run: |mut log| {
                    log.push("1->2".into());
                    Ok(log)
                },
            },
        ]
    }

    #[test]
    fn steps_run_in_version_order_from_the_file_version() {
        assert_eq!(
            migrate_with(&steps(), 1, 3, Vec::new()).unwrap(),
            vec!["1->2".to_owned(), "2->3".to_owned()]
        );
        assert_eq!(
            migrate_with(&steps(), 2, 3, Vec::new()).unwrap(),
            vec!["2->3".to_owned()]
        );
        assert_eq!(
            migrate_with(&steps(), 3, 3, vec!["as is".to_owned()]).unwrap(),
            vec!["as is".to_owned()]
        );
    }

    #[test]
    fn a_failing_step_names_its_version_and_what_it_does() {
        let mut steps = steps();
        steps[0].run = |_| Err("the edges list is not a list".into());
        let err = migrate_with(&steps, 1, 3, Vec::new()).unwrap_err();
        assert_eq!(
            err,
            MigrateError::Failed {
                from: 2,
                description: "third",
                reason: "the edges list is not a list".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "could not bring the board from format version 2 up to 3 (third): the edges list is not a list"
        );
    }

    #[test]
    fn a_gap_or_a_duplicate_in_the_chain_is_an_error() {
        let only_second: Vec<_> = steps().into_iter().filter(|s| s.from == 2).collect();
        assert_eq!(
            migrate_with(&only_second, 1, 3, Vec::new()),
            Err(MigrateError::Gap { from: 1 })
        );
        assert_eq!(
            check_chain(&only_second, 1, 3),
            Err(MigrateError::Gap { from: 1 })
        );
        let mut twice = steps();
        twice.extend(steps());
        assert_eq!(
            migrate_with(&twice, 1, 3, Vec::new()),
            Err(MigrateError::Duplicate { from: 1 })
        );
        assert_eq!(check_chain(&steps(), 1, 3), Ok(()));
        assert_eq!(
            check_chain(&steps(), 1, 2),
            Err(MigrateError::Stray { from: 2 })
        );
        assert_eq!(check_chain::<()>(&[], 1, 1), Ok(()));
    }
}
