//! Pagination: one page of a list, and a `Stream` over every item that follows `next` links.

use std::collections::HashSet;

use futures::Stream;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::client::{decode, Call, Client};
use crate::models::common::nullable_vec;
use crate::Error;

/// One page of a list answer: `{next, previous, results}` (plus `count` on some lists).
/// `next`/`previous` that arrive as `null` or `""` are both `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// The full URL of the next page.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub next: Option<String>,
    /// The full URL of the previous page.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub previous: Option<String>,
    /// The items (a `null` list is empty).
    #[serde(default, deserialize_with = "nullable_vec")]
    pub results: Vec<T>,
    /// Total count, on the lists that send it.
    #[serde(default)]
    pub count: Option<u64>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            next: None,
            previous: None,
            results: Vec::new(),
            count: None,
        }
    }
}

fn empty_as_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()))
}

/// The shape of a list endpoint's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListShape {
    /// `{next, previous, results}`.
    Paged,
    /// `{results}` only, or a bare JSON array.
    Single,
}

impl Client {
    /// Fetches one page.
    pub(crate) async fn page<T: DeserializeOwned>(&self, call: Call) -> Result<Page<T>, Error> {
        let answer = self.execute(&call).await?;
        // A bare array (`/service-groups`) is one complete page.
        if answer.body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
            let results: Vec<T> = decode(&call, &answer.body)?;
            return Ok(Page {
                results,
                ..Page::default()
            });
        }
        decode(&call, &answer.body)
    }

    /// Streams every item of a list, following `next` links page after page. A link seen twice
    /// ends the stream instead of looping.
    pub(crate) fn stream<T>(
        &self,
        first: Call,
        shape: ListShape,
    ) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        let client = self.clone();
        async_stream::try_stream! {
            let class = first.class;
            let versioned = first.versioned;
            let mut seen = HashSet::new();
            seen.insert(first.url.to_string());
            let mut page: Page<T> = client.page(first).await?;
            loop {
                let next = page.next.take();
                for item in std::mem::take(&mut page.results) {
                    yield item;
                }
                if shape == ListShape::Single {
                    break;
                }
                let Some(url) = next.as_deref().and_then(|n| client.resolve_link(n)) else { break };
                if !seen.insert(url.to_string()) {
                    tracing::warn!(url = %url, "Shippo sent a next link already visited; stopping");
                    break;
                }
                let mut call = client.call(Method::GET, url, class);
                call.versioned = versioned;
                page = client.page(call).await?;
            }
        }
    }
}
