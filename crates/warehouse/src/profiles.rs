//! Settings profiles (sender, rate rule, parcel…) shared by every bench of the warehouse. The
//! body is whatever JSON the station makes of them; the warehouse only keeps it, with who saved
//! it last and when (the `updated_at` a following bench compares to pick up changes cheaply).

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::pool::Warehouse;

/// One profile as the warehouse keeps it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SharedProfile {
    /// Its name, e.g. "default".
    pub name: String,
    /// The settings (the station's JSON).
    pub body: serde_json::Value,
    /// The bench that saved it last.
    pub updated_by: String,
    /// When it was saved last (the server's clock).
    pub updated_at: DateTime<Utc>,
}

fn row(r: &tokio_postgres::Row) -> SharedProfile {
    SharedProfile { name: r.get(0), body: r.get(1), updated_by: r.get(2), updated_at: r.get(3) }
}


impl Warehouse {
    /// Saves a profile under `name` (replacing it), signed by this bench.
    pub async fn put_profile(&self, name: &str, body: &serde_json::Value) -> Result<SharedProfile> {
        let c = self.client().await?;
        let r = c
            .query_one(
                "INSERT INTO settings_profiles (name, body, updated_by) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()
                 RETURNING name, body, updated_by, updated_at",
                &[&name, body, &self.bench()],
            )
            .await?;
        Ok(row(&r))
    }

    /// A profile by name, with the bench that saved it last.
    pub async fn profile(&self, name: &str) -> Result<Option<(serde_json::Value, String)>> {
        Ok(self.profile_entry(name).await?.map(|p| (p.body, p.updated_by)))
    }

    /// A profile by name, with who saved it and when.
    pub async fn profile_entry(&self, name: &str) -> Result<Option<SharedProfile>> {
        let c = self.client().await?;
        Ok(c.query_opt("SELECT name, body, updated_by, updated_at FROM settings_profiles WHERE name = $1", &[&name]).await?.as_ref().map(row))
    }

    /// The profile when it was saved at another time than `known` (the copy a bench holds), else
    /// `None`: one indexed look-up, the body sent only when it changed. `Ok(None)` also when the
    /// profile is gone (see [`Warehouse::profile_entry`] to tell).
    pub async fn profile_if_changed(&self, name: &str, known: DateTime<Utc>) -> Result<Option<SharedProfile>> {
        let c = self.client().await?;
        Ok(c.query_opt(
            "SELECT name, body, updated_by, updated_at FROM settings_profiles WHERE name = $1 AND updated_at IS DISTINCT FROM $2",
            &[&name, &known],
        )
        .await?
        .as_ref()
        .map(row))
    }

    /// Every profile, by name.
    pub async fn profiles(&self) -> Result<Vec<SharedProfile>> {
        let c = self.client().await?;
        Ok(c.query("SELECT name, body, updated_by, updated_at FROM settings_profiles ORDER BY name", &[]).await?.iter().map(row).collect())
    }

    /// The names of all profiles.
    pub async fn profile_names(&self) -> Result<Vec<String>> {
        Ok(self.profiles().await?.into_iter().map(|p| p.name).collect())
    }
}
