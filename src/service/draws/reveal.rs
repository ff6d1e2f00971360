//! The reveal of a prepared draw: the ceremony as recorded (commitment, secret, witnesses'
//! entropy, public value) fed to the engine, and the certificate stored.

use super::*;

impl Service {
    /// Reveals a prepared draw (administrators): derives the seed, runs the draw and stores
    /// the certificate. The status check and the update happen in one immediate transaction,
    /// so two reveals never both succeed.
    pub fn reveal_draw(&mut self, actor: &Actor, id: i64) -> Result<Certificate> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        let now = self.now();
        self.write(Change::Draws, |db| {
            let DrawRow {
                head: r,
                snapshot,
                secret,
                ..
            } = prepared(db, id)?;
            let ceremony = ceremony(db, &r, secret, now)?;
            let cert =
                Certificate::issue(snapshot, r.params.clone(), ceremony).map_err(|error| {
                    match error {
                        DrawError::Refused(refusals) => DrawProblem::Refused { refusals },
                        error => DrawProblem::Failed { error },
                    }
                })?;
            if !db.reveal_draw(id, &at, &cert.to_json())? {
                return Err(DrawProblem::Status {
                    draw: r.label.clone(),
                    status: r.status.code().to_string(),
                }
                .into());
            }
            let after = json(&serde_json::json!({
                "seed": cert.seed,
                "secret": cert.secret,
                "outcome": cert.outcome,
            }));
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Reveal, Entity::Draw)
                    .id(id)
                    .summary(&r.label)
                    .after(Some(&after)),
            )?;
            Ok(cert)
        })
    }
}

/// The ceremony of a prepared draw as recorded: the commitment and secret, the witnesses'
/// entropy, the public value, who prepared it; refused while too few witnesses took part and
/// no public value is in.
fn ceremony(
    db: Db<'_>,
    r: &DrawHead,
    secret: Vec<u8>,
    now: DateTime<FixedOffset>,
) -> Result<Ceremony> {
    let entropy_rows = db.entropy_of(r.id)?;
    let witnesses: BTreeSet<&str> = entropy_rows.iter().map(|e| e.witness.as_str()).collect();
    let need = u32::try_from(r.min_witnesses).unwrap_or(1);
    let public_value = match (&r.public_source, &r.public_value) {
        (Some(s), Some(v)) => Some(PublicValue {
            source: s.clone(),
            value: v.clone(),
        }),
        _ => None,
    };
    crate::domain::ceremony::may_reveal(witnesses.len(), need, public_value.is_some()).map_err(
        |t| DrawProblem::TooFewWitnesses {
            have: t.have,
            need: t.need,
        },
    )?;
    let entropy = entropy_rows
        .iter()
        .map(|e| {
            Ok(EntropyEntry {
                witness: e.witness.clone(),
                text: e.text.clone(),
                at: parse_time(&e.at)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut witnessed: Vec<Signoff> = Vec::new();
    for e in &entropy {
        if !witnessed.iter().any(|w| w.by == e.witness) {
            witnessed.push(Signoff {
                by: e.witness.clone(),
                at: e.at,
            });
        }
    }
    let commit =
        H256::from_hex(&r.commitment).ok_or_else(|| corrupt("commitment", &r.commitment))?;
    Ok(Ceremony {
        commitment: commit,
        secret,
        entropy,
        public_value,
        prepared: Signoff {
            by: r.prepared_by.clone(),
            at: parse_time(&r.prepared_at)?,
        },
        witnessed,
        // Filled as the witnesses confirm.
        confirmed: Vec::new(),
        revealed_at: now,
    })
}
