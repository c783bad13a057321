//! The sentences that say what a buy & print did: written once here, shown by the window's status
//! line, printed by the CLI and sent as the last progress event.

use super::BuyOutcome;

impl BuyOutcome {
    /// The order as the operator knows it: its number, else its object id.
    pub fn order_label(&self) -> &str {
        self.order_number.as_deref().unwrap_or(&self.order_id)
    }

    /// One sentence: what was bought, for how much, and whether it went to the printer, e.g.
    /// "Order #1001: label 9205… (USPS Ground Advantage) bought for 5.49 USD and sent to the printer."
    /// It says only what happened: an adopted label says it was recovered, not bought now.
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "Order {}: label {}{} bought{}",
            self.order_label(),
            self.tracking_number.as_deref().unwrap_or(&self.transaction_id),
            self.service.as_deref().filter(|s| !s.is_empty()).map(|s| format!(" ({s})")).unwrap_or_default(),
            self.price.as_deref().map(|p| format!(" for {p}")).unwrap_or_default(),
        );
        if self.adopted {
            s.push_str(" (recovered from an interrupted purchase)");
        }
        // Say only what happened to the print job: printed, queued or failed.
        match &self.print {
            Some(p) => {
                s.push_str(". ");
                s.push_str(p.sentence());
            }
            None => s.push_str("; it was saved, not printed."),
        }
        // The slip is said after the label, and never changes what the label's words say.
        if let Some(slip) = &self.slip {
            s.push(' ');
            s.push_str(&slip.message);
        }
        s
    }

    /// The address check's messages, one line each ("Address check: …").
    pub fn address_lines(&self) -> Vec<String> {
        self.address_messages.iter().map(|m| format!("Address check: {m}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printq::{PrintOutcome, PrintStatus};

    fn outcome() -> BuyOutcome {
        BuyOutcome {
            order_id: "ord_1".into(),
            order_number: Some("#1001".into()),
            transaction_id: "tx_1".into(),
            tracking_number: Some("9205590164917312751089".into()),
            service: Some("USPS Ground Advantage".into()),
            price: Some("5.49 USD".into()),
            label_id: Some(3),
            label_sha256: None,
            print_job_id: Some(7),
            print: Some(PrintOutcome {
                job_id: 7,
                printer: "Zebra".into(),
                status: PrintStatus::Printed,
                message: "Printed on 'Zebra' (job 7): the printer took every byte.".into(),
            }),
            slip: None,
            adopted: false,
            address_messages: vec!["Shippo suggests 1 Main St (not used).".into()],
            journal_key: "k".into(),
            weight: None,
        }
    }

    #[test]
    fn the_bought_sentence_says_what_where_and_for_how_much() {
        assert_eq!(
            outcome().sentence(),
            "Order #1001: label 9205590164917312751089 (USPS Ground Advantage) bought for 5.49 USD. Printed on 'Zebra' (job 7): the printer took every byte."
        );
        assert_eq!(outcome().address_lines(), ["Address check: Shippo suggests 1 Main St (not used)."]);
    }

    #[test]
    fn a_label_the_printer_did_not_take_is_not_called_printed() {
        let o = BuyOutcome {
            print: Some(PrintOutcome {
                job_id: 7,
                printer: "Zebra".into(),
                status: PrintStatus::Queued,
                message: "Not printed yet: job 7 waits for 'Zebra'. The printer did not answer.".into(),
            }),
            ..outcome()
        };
        let s = o.sentence();
        assert!(s.ends_with("bought for 5.49 USD. Not printed yet: job 7 waits for 'Zebra'. The printer did not answer."), "{s}");
        assert!(!s.contains("Printed on"), "{s}");
    }

    #[test]
    fn an_adopted_unprinted_label_says_so() {
        let o = BuyOutcome {
            order_number: None,
            tracking_number: None,
            service: None,
            price: None,
            print_job_id: None,
            print: None,
            adopted: true,
            ..outcome()
        };
        assert_eq!(
            o.sentence(),
            "Order ord_1: label tx_1 bought (recovered from an interrupted purchase); it was saved, not printed."
        );
    }

    #[test]
    fn a_failed_slip_is_said_after_a_printed_label_and_leaves_it_printed() {
        let o = BuyOutcome {
            slip: Some(crate::workflow::slip::SlipOutcome {
                status: PrintStatus::Failed { reason: "No printer is set up for packing slips.".into() },
                job_id: None,
                printer: None,
                message: "Packing slip: not printed. No printer is set up for packing slips.".into(),
            }),
            ..outcome()
        };
        assert_eq!(
            o.sentence(),
            "Order #1001: label 9205590164917312751089 (USPS Ground Advantage) bought for 5.49 USD. Printed on 'Zebra' (job 7): the printer took every byte. Packing slip: not printed. No printer is set up for packing slips."
        );
    }
}
