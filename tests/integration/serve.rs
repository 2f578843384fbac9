//! The SPARQL endpoint answers the SPARQL 1.1 Protocol on loopback.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::util::*;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str, accept: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(mut s) => {
                s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: {accept}\r\nConnection: close\r\n\r\n").unwrap();
                let mut body = String::new();
                s.read_to_string(&mut body).unwrap();
                return body;
            }
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("endpoint not reachable: {e}"),
        }
    }
}

#[test]
fn endpoint_answers_select_in_json_and_csv() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let port = free_port();
    let mut server = newsgraph(dir.path())
        .args([
            "serve",
            "--store",
            "db",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .spawn()
        .expect("start serve");
    let query = "SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20GRAPH%20%3Fg%20%7B%20%3Fv%20a%20%3Chttps%3A%2F%2Fw3id.org%2Fnewsgraph%2Fontology%23Consult%3E%20%7D%20%7D";
    let json = get(
        port,
        &format!("/sparql?query={query}"),
        "application/sparql-results+json",
    );
    let csv = get(port, &format!("/sparql?query={query}"), "text/csv");
    let bad = get(
        port,
        "/sparql?query=SELEKT",
        "application/sparql-results+json",
    );
    server.kill().ok();
    server.wait().ok();
    assert!(json.starts_with("HTTP/1.1 200"), "{json}");
    assert!(json.contains("\"bindings\""), "{json}");
    assert!(
        csv.contains("\r\nn\r\n") || csv.contains("\nn\r\n"),
        "{csv}"
    );
    assert!(bad.starts_with("HTTP/1.1 400"), "{bad}");
}
