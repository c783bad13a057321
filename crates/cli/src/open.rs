//! Opening the bench for a command: [`station::Session`] does the work (profile, store, client,
//! start-up settling); this module only prints what opening found.

use station::Session;

use crate::{output, GlobalOpts};

/// Opens the profile's store without any network (offline search and review).
pub async fn offline(global: &GlobalOpts) -> anyhow::Result<Session> {
    let session = Session::open(global.session_options()).await?;
    output::print_open_report(&session.report());
    Ok(session)
}

/// Opens the bench and its station (Shippo client, printers; in DEMO mode the embedded
/// simulator), printing what start-up settled on stderr.
pub async fn online(global: &GlobalOpts) -> anyhow::Result<Session> {
    let session = Session::open(global.session_options()).await?;
    // "Waiting for Shippo's rate limit, resuming in 42 s." and "Still waiting for Shippo…" go to
    // stderr, so stdout stays the command's result.
    session.on_notice(|n| eprintln!("{n}"));
    match session.open_report().await {
        Ok(report) => {
            output::print_open_report(&report);
            Ok(session)
        }
        Err(e) => {
            session.close().await;
            Err(e.into())
        }
    }
}
