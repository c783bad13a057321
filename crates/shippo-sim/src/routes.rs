//! The router: the Shippo paths (behind faults, token check and rate limits), the file URLs and the
//! control endpoints.

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;

use crate::server::Shared;
use crate::{
    addresses, batches, carriers, control, customs, files, misc, orders, parcels, refunds,
    shipments, templates, tracking, transactions,
};

/// Every route of the simulator.
pub fn router(s: Shared) -> Router {
    let api = Router::new()
        .route("/addresses", get(addresses::list).post(addresses::create))
        .route("/addresses/{id}", get(addresses::get))
        .route(
            "/addresses/{id}/validate",
            get(addresses::validate_existing),
        )
        .route("/batches", post(batches::create))
        .route("/batches/{id}", get(batches::get))
        .route("/batches/{id}/add_shipments", post(batches::add_shipments))
        .route(
            "/batches/{id}/remove_shipments",
            post(batches::remove_shipments),
        )
        .route("/batches/{id}/purchase", post(batches::purchase_batch))
        .route(
            "/carrier_accounts",
            get(carriers::list).post(carriers::create),
        )
        .route("/carrier_accounts/register/new", post(carriers::register))
        .route("/carrier_accounts/reg-status", get(carriers::reg_status))
        .route(
            "/carrier_accounts/{id}",
            get(carriers::get).put(carriers::update),
        )
        .route(
            "/carrier_accounts/{id}/signin/initiate",
            get(carriers::oauth_initiate),
        )
        .route(
            "/customs/items",
            get(customs::list_items).post(customs::create_item),
        )
        .route("/customs/items/{id}", get(customs::get_item))
        .route(
            "/customs/declarations",
            get(customs::list_declarations).post(customs::create_declaration),
        )
        .route("/customs/declarations/{id}", get(customs::get_declaration))
        .route("/live-rates", post(misc::live_rates))
        .route(
            "/live-rates/settings/parcel-template",
            get(templates::get_default)
                .put(templates::put_default)
                .delete(templates::delete_default),
        )
        .route(
            "/manifests",
            get(misc::list_manifests).post(misc::create_manifest),
        )
        .route("/manifests/{id}", get(misc::get_manifest))
        .route("/orders", get(orders::list).post(orders::create))
        .route("/orders/{id}", get(orders::get))
        .route("/orders/{id}/packingslip", get(orders::packing_slip))
        .route("/parcel-templates", get(parcels::list_carrier_templates))
        .route(
            "/parcel-templates/{token}",
            get(parcels::get_carrier_template),
        )
        .route("/parcels", get(parcels::list).post(parcels::create))
        .route("/parcels/{id}", get(parcels::get))
        .route("/pickups", post(misc::create_pickup))
        .route("/rates/{id}", get(shipments::get_rate))
        .route("/refunds", get(refunds::list).post(refunds::create))
        .route("/refunds/{id}", get(refunds::get))
        .route(
            "/service-groups",
            get(misc::list_service_groups)
                .post(misc::create_service_group)
                .put(misc::update_service_group),
        )
        .route(
            "/service-groups/{id}",
            axum::routing::delete(misc::delete_service_group),
        )
        .route("/shipments", get(shipments::list).post(shipments::create))
        .route("/shipments/{id}", get(shipments::get))
        .route("/shipments/{id}/rates", get(shipments::rates))
        .route("/shipments/{id}/rates/{currency}", get(shipments::rates_in))
        .route(
            "/shippo-accounts",
            get(misc::list_shippo_accounts).post(misc::create_shippo_account),
        )
        .route(
            "/shippo-accounts/{id}",
            get(misc::get_shippo_account).put(misc::update_shippo_account),
        )
        .route("/tracks", post(tracking::create))
        .route("/tracks/{carrier}/{number}", get(tracking::get))
        .route(
            "/transactions",
            get(transactions::list).post(transactions::create),
        )
        .route("/transactions/{id}", get(transactions::get))
        .route(
            "/user-parcel-templates",
            get(templates::list_user).post(templates::create_user),
        )
        .route(
            "/user-parcel-templates/{id}",
            get(templates::get_user)
                .put(templates::update_user)
                .delete(templates::delete_user),
        )
        .route(
            "/webhooks",
            get(misc::list_webhooks).post(misc::create_webhook),
        )
        .route(
            "/webhooks/{id}",
            get(misc::get_webhook)
                .put(misc::update_webhook)
                .delete(misc::delete_webhook),
        )
        .layer(from_fn_with_state(s.clone(), crate::auth::middleware))
        .layer(from_fn_with_state(s.clone(), crate::faults::middleware));
    Router::new()
        .route("/files/labels/{file}", get(files::label))
        .route("/files/merged/{file}", get(files::merged))
        .route("/files/docs/{file}", get(files::document))
        .route(
            "/__sim/faults",
            get(control::get_faults)
                .post(control::set_faults)
                .delete(control::reset_faults),
        )
        .route("/__sim/transactions", get(control::transactions))
        .route(
            "/__sim/limits",
            get(control::get_limits).post(control::set_limits),
        )
        .route("/__sim/health", get(control::health))
        .route("/__sim/clock", post(control::clock))
        .merge(api)
        .fallback(|| async { crate::error::ApiError::not_found() })
        .with_state(s)
}
