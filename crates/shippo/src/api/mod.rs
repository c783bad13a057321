//! One handler per resource, reached from the [`Client`]: `client.orders()`,
//! `client.transactions()`, …

pub mod addresses;
pub mod batches;
pub mod carrier_accounts;
pub mod checkout;
pub mod customs;
pub mod manifests;
pub mod orders;
pub mod parcel_templates;
pub mod parcels;
pub mod pickups;
pub mod rates;
pub mod refunds;
pub mod shipments;
pub mod shippo_accounts;
pub mod tracks;
pub mod transactions;
pub mod webhooks;

use crate::Client;

macro_rules! handlers {
    ($($(#[$m:meta])* $fn:ident => $ty:path;)+) => {
        impl Client {
            $($(#[$m])* pub fn $fn(&self) -> $ty { <$ty>::from_client(self) })+
        }
    };
}

macro_rules! from_client {
    ($($ty:ident in $module:ident),+ $(,)?) => {
        $(impl<'c> $module::$ty<'c> {
            fn from_client(client: &'c Client) -> Self { $module::$ty { client } }
        })+
    };
}

from_client!(
    Addresses in addresses, Parcels in parcels, Shipments in shipments, Rates in rates,
    Transactions in transactions, Refunds in refunds, Orders in orders, Batches in batches,
    Manifests in manifests, Tracks in tracks, Webhooks in webhooks, CarrierAccounts in carrier_accounts,
    CarrierParcelTemplates in parcel_templates, UserParcelTemplates in parcel_templates,
    CustomsItems in customs, CustomsDeclarations in customs, ServiceGroups in checkout,
    LiveRates in checkout, Pickups in pickups, ShippoAccounts in shippo_accounts,
);

handlers! {
    /// `/addresses`.
    addresses => addresses::Addresses<'_>;
    /// `/parcels`.
    parcels => parcels::Parcels<'_>;
    /// `/shipments` and their rates.
    shipments => shipments::Shipments<'_>;
    /// `/rates/{id}`.
    rates => rates::Rates<'_>;
    /// `/transactions` (labels, Instalabel).
    transactions => transactions::Transactions<'_>;
    /// `/refunds`.
    refunds => refunds::Refunds<'_>;
    /// `/orders` and packing slips.
    orders => orders::Orders<'_>;
    /// `/batches`.
    batches => batches::Batches<'_>;
    /// `/manifests`.
    manifests => manifests::Manifests<'_>;
    /// `/tracks`.
    tracks => tracks::Tracks<'_>;
    /// `/webhooks`.
    webhooks => webhooks::Webhooks<'_>;
    /// `/carrier_accounts`.
    carrier_accounts => carrier_accounts::CarrierAccounts<'_>;
    /// `/parcel-templates`.
    carrier_parcel_templates => parcel_templates::CarrierParcelTemplates<'_>;
    /// `/user-parcel-templates`.
    user_parcel_templates => parcel_templates::UserParcelTemplates<'_>;
    /// `/customs/items`.
    customs_items => customs::CustomsItems<'_>;
    /// `/customs/declarations`.
    customs_declarations => customs::CustomsDeclarations<'_>;
    /// `/service-groups`.
    service_groups => checkout::ServiceGroups<'_>;
    /// `/live-rates`.
    live_rates => checkout::LiveRates<'_>;
    /// `/pickups`.
    pickups => pickups::Pickups<'_>;
    /// `/shippo-accounts`.
    shippo_accounts => shippo_accounts::ShippoAccounts<'_>;
}
