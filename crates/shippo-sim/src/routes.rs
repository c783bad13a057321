//! The router: the Shippo paths (behind faults, token check and rate limits), the file URLs and the
//! control endpoints.

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;

use crate::server::Shared;
use crate::addresses::Addresses;
use crate::customs::{CustomsDeclarations, CustomsItems};
use crate::manifests::Manifests;
use crate::parcels::Parcels;
use crate::pickups::Pickups;
use crate::service_groups::ServiceGroups;
use crate::shippo_accounts::ShippoAccounts;
use crate::templates::UserTemplates;
use crate::webhooks::Webhooks;
use crate::{
    addresses, batches, carriers, control, crud, files, live_rates, orders, parcels, refunds,
    service_groups, shipments, templates, tracking, transactions,
};

/// Every route of the simulator.
pub fn router(s: Shared) -> Router {
    let api = Router::new()
        .route("/addresses", get(crud::list::<Addresses>).post(crud::create::<Addresses>))
        .route("/addresses/{id}", get(crud::get::<Addresses>))
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
            get(crud::list::<CustomsItems>).post(crud::create::<CustomsItems>),
        )
        .route("/customs/items/{id}", get(crud::get::<CustomsItems>))
        .route(
            "/customs/declarations",
            get(crud::list::<CustomsDeclarations>).post(crud::create::<CustomsDeclarations>),
        )
        .route(
            "/customs/declarations/{id}",
            get(crud::get::<CustomsDeclarations>),
        )
        .route("/live-rates", post(live_rates::live_rates))
        .route(
            "/live-rates/settings/parcel-template",
            get(templates::get_default)
                .put(templates::put_default)
                .delete(templates::delete_default),
        )
        .route(
            "/manifests",
            get(crud::list::<Manifests>).post(crud::create::<Manifests>),
        )
        .route("/manifests/{id}", get(crud::get::<Manifests>))
        .route("/orders", get(orders::list).post(orders::create))
        .route("/orders/{id}", get(orders::get))
        .route("/orders/{id}/packingslip", get(orders::packing_slip))
        .route("/parcel-templates", get(parcels::list_carrier_templates))
        .route(
            "/parcel-templates/{token}",
            get(parcels::get_carrier_template),
        )
        .route(
            "/parcels",
            get(crud::list::<Parcels>).post(crud::create::<Parcels>),
        )
        .route("/parcels/{id}", get(crud::get::<Parcels>))
        .route("/pickups", post(crud::create::<Pickups>))
        .route("/rates/{id}", get(shipments::get_rate))
        .route("/refunds", get(refunds::list).post(refunds::create))
        .route("/refunds/{id}", get(refunds::get))
        .route(
            "/service-groups",
            get(crud::list::<ServiceGroups>)
                .post(crud::create::<ServiceGroups>)
                .put(service_groups::update),
        )
        .route(
            "/service-groups/{id}",
            axum::routing::delete(crud::delete::<ServiceGroups>),
        )
        .route("/shipments", get(shipments::list).post(shipments::create))
        .route("/shipments/{id}", get(shipments::get))
        .route("/shipments/{id}/rates", get(shipments::rates))
        .route("/shipments/{id}/rates/{currency}", get(shipments::rates_in))
        .route(
            "/shippo-accounts",
            get(crud::list::<ShippoAccounts>).post(crud::create::<ShippoAccounts>),
        )
        .route(
            "/shippo-accounts/{id}",
            get(crud::get::<ShippoAccounts>).put(crud::update::<ShippoAccounts>),
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
            get(crud::list::<UserTemplates>).post(crud::create::<UserTemplates>),
        )
        .route(
            "/user-parcel-templates/{id}",
            get(crud::get::<UserTemplates>)
                .put(crud::update::<UserTemplates>)
                .delete(crud::delete::<UserTemplates>),
        )
        .route(
            "/webhooks",
            get(crud::list::<Webhooks>).post(crud::create::<Webhooks>),
        )
        .route(
            "/webhooks/{id}",
            get(crud::get::<Webhooks>)
                .put(crud::update::<Webhooks>)
                .delete(crud::delete::<Webhooks>),
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
