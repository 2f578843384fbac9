//! `serve --warm`: the canned queries computed into the result cache in the
//! background, at start and after each change of the store, in the formats
//! plain clients (no `Accept`) and the browser view ask for, one at a time on
//! the same workers as requests.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};

use super::{routes, view, App};

/// The `Accept` of the browser view's queries (`assets/common.js`).
const VIEW_ACCEPT: &str = "application/sparql-results+json, application/n-triples;q=0.9";

/// How often the store's version is looked at.
const POLL: Duration = Duration::from_secs(1);

pub async fn warm(app: Arc<App>) {
    let mut warmed = None;
    loop {
        let holder = app.clone();
        let Ok((version, _)) = tokio::task::spawn_blocking(move || holder.store.versioned()).await
        else {
            return;
        };
        if warmed != Some(version.generation) {
            let started = Instant::now();
            let mut failed = 0;
            for (_, text) in view::QUERIES {
                for accept in [None, Some(VIEW_ACCEPT)] {
                    if !ask(&app, text, accept).await {
                        failed += 1;
                    }
                }
            }
            eprintln!(
                "newsgraph: canned queries computed into the cache in {:.1} s{}",
                started.elapsed().as_secs_f32(),
                if failed > 0 {
                    format!(" ({failed} failed)")
                } else {
                    String::new()
                }
            );
            warmed = Some(version.generation);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Ask `/sparql` as a client would and read the whole answer (a streamed
/// answer goes to the cache once read to its end); false on a failure.
async fn ask(app: &Arc<App>, text: &str, accept: Option<&str>) -> bool {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/sparql")
        .header(header::CONTENT_TYPE, "application/sparql-query");
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT, accept);
    }
    let Ok(request) = request.body(Body::from(text.to_string())) else {
        return false;
    };
    match routes::route(app, request).await {
        Ok(response) if response.status() == StatusCode::OK => {
            axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .is_ok()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_view_asks_with_the_accept_warmed() {
        assert!(include_str!("assets/common.js").contains(super::VIEW_ACCEPT));
    }
}
