//! Settings profiles (sender, rate rule, parcels…) shared by every bench of the warehouse. The
//! body is whatever JSON the station's settings export makes; the warehouse only keeps it.

use crate::error::Result;
use crate::pool::Warehouse;

impl Warehouse {
    /// Saves a profile under `name` (replacing it), signed by this bench.
    pub async fn put_profile(&self, name: &str, body: &serde_json::Value) -> Result<()> {
        let c = self.client().await?;
        c.execute(
            "INSERT INTO settings_profiles (name, body, updated_by) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()",
            &[&name, body, &self.bench()],
        )
        .await?;
        Ok(())
    }

    /// A profile by name, with the bench that saved it last.
    pub async fn profile(&self, name: &str) -> Result<Option<(serde_json::Value, String)>> {
        let c = self.client().await?;
        Ok(c.query_opt("SELECT body, updated_by FROM settings_profiles WHERE name = $1", &[&name])
            .await?
            .map(|r| (r.get(0), r.get(1))))
    }

    /// The names of all profiles.
    pub async fn profile_names(&self) -> Result<Vec<String>> {
        let c = self.client().await?;
        Ok(c.query("SELECT name FROM settings_profiles ORDER BY name", &[]).await?.iter().map(|r| r.get(0)).collect())
    }
}
