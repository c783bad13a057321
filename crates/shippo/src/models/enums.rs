//! Shippo's status and unit enums. Every enum keeps values it does not know as `Other(String)`
//! instead of failing: Shippo adds values without bumping the API version.

/// Declares a string enum whose unknown values are kept in an `Other(String)` variant.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this client does not know yet, kept as Shippo sent it.
            Other(String),
        }

        impl $name {
            /// The value as Shippo spells it on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(s) => s.as_str(),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $($text => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                })
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s.parse() {
                    Ok(v) => v,
                    Err(never) => match never {},
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::from(s.as_str()))
            }
        }
    };
}

open_enum! {
    /// The label format asked of Shippo (`label_file_type`, or `label_filetype` on batches).
    #[allow(non_camel_case_types)]
    LabelFileType {
        /// Zebra ZPL II for thermal printers.
        ZPLII = "ZPLII",
        /// 4x6 in PDF, the thermal-printer size.
        PDF_4x6 = "PDF_4x6",
        /// 4x8 in PDF.
        PDF_4x8 = "PDF_4x8",
        /// Letter-size PDF.
        PDF = "PDF",
        /// 2.3x7.5 in PDF.
        PDF_2_3x7_5 = "PDF_2.3x7.5",
        /// A4 PDF.
        PDF_A4 = "PDF_A4",
        /// A5 PDF.
        PDF_A5 = "PDF_A5",
        /// A6 PDF.
        PDF_A6 = "PDF_A6",
        /// PNG image.
        PNG = "PNG",
        /// 2.3x7.5 in PNG image.
        PNG_2_3x7_5 = "PNG_2.3x7.5",
    }
}

open_enum! {
    /// Status of a shipment's rating.
    ShipmentStatus { Waiting = "WAITING", Queued = "QUEUED", Success = "SUCCESS", Error = "ERROR" }
}

open_enum! {
    /// Status of a label purchase.
    TransactionStatus {
        Waiting = "WAITING", Queued = "QUEUED", Success = "SUCCESS", Error = "ERROR",
        Refunded = "REFUNDED", RefundPending = "REFUNDPENDING", RefundRejected = "REFUNDREJECTED",
    }
}

open_enum! {
    /// `VALID` or `INVALID`.
    ObjectState { Valid = "VALID", Invalid = "INVALID", Incomplete = "INCOMPLETE" }
}

open_enum! {
    /// Status of a batch.
    BatchStatus {
        Validating = "VALIDATING", Valid = "VALID", Invalid = "INVALID",
        Purchasing = "PURCHASING", Purchased = "PURCHASED",
    }
}

open_enum! {
    /// Status of one shipment inside a batch.
    BatchShipmentStatus {
        Invalid = "INVALID", Valid = "VALID", Incomplete = "INCOMPLETE",
        TransactionFailed = "TRANSACTION_FAILED",
    }
}

open_enum! {
    /// Status of a refund.
    RefundStatus { Queued = "QUEUED", Pending = "PENDING", Success = "SUCCESS", Error = "ERROR" }
}

open_enum! {
    /// Status of a manifest (SCAN form).
    ManifestStatus { Queued = "QUEUED", Success = "SUCCESS", Error = "ERROR" }
}

open_enum! {
    /// Status of a pickup.
    PickupStatus { Pending = "PENDING", Confirmed = "CONFIRMED", Error = "ERROR", Cancelled = "CANCELLED" }
}

open_enum! {
    /// Where a parcel is in the carrier's network.
    TrackingStatusCode {
        Unknown = "UNKNOWN", PreTransit = "PRE_TRANSIT", Transit = "TRANSIT",
        Delivered = "DELIVERED", Returned = "RETURNED", Failure = "FAILURE",
    }
}

open_enum! {
    /// Status of an order.
    OrderStatus {
        Unknown = "UNKNOWN", AwaitPay = "AWAITPAY", Paid = "PAID", Refunded = "REFUNDED",
        Cancelled = "CANCELLED", PartiallyFulfilled = "PARTIALLY_FULFILLED", Shipped = "SHIPPED",
    }
}

open_enum! {
    /// Unit of mass.
    MassUnit { G = "g", Kg = "kg", Lb = "lb", Oz = "oz" }
}

open_enum! {
    /// Unit of length.
    DistanceUnit { Cm = "cm", In = "in", Ft = "ft", M = "m", Mm = "mm", Yd = "yd" }
}

open_enum! {
    /// Webhook event types.
    WebhookEvent {
        TransactionCreated = "transaction_created", TransactionUpdated = "transaction_updated",
        TrackUpdated = "track_updated", BatchCreated = "batch_created",
        BatchPurchased = "batch_purchased", All = "all", AllStar = "*",
    }
}

open_enum! {
    /// Kind of service group at checkout.
    ServiceGroupType { LiveRate = "LIVE_RATE", FlatRate = "FLAT_RATE", FreeShipping = "FREE_SHIPPING" }
}

open_enum! {
    /// Attributes Shippo puts on rates.
    RateAttribute { Cheapest = "CHEAPEST", Fastest = "FASTEST", BestValue = "BESTVALUE" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        let v: TransactionStatus = serde_json::from_str("\"ON_HOLD\"").unwrap();
        assert_eq!(v, TransactionStatus::Other("ON_HOLD".into()));
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"ON_HOLD\"");
        let f: LabelFileType = serde_json::from_str("\"PDF_2.3x7.5\"").unwrap();
        assert_eq!(f, LabelFileType::PDF_2_3x7_5);
        assert_eq!(LabelFileType::ZPLII.to_string(), "ZPLII");
    }
}
