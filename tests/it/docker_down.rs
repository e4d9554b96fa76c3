//! `down` against the real engine: removes only the project's labelled
//! containers and network, keeps named volumes, and refuses `--volumes`
//! without `--yes` when there is no terminal. Objects are made with the
//! docker CLI carrying the labels `up` sets; all have unique names.

use crate::common::Project;

use crate::common::{Cleanup, TEST_IMAGE as IMAGE, docker, unique};

fn exists(kind: &str, name: &str) -> bool {
    docker(&[kind, "inspect", name]).0
}

#[test]
fn down_removes_only_labelled_objects_and_keeps_volumes_unless_confirmed() {
    let project = unique("dn");
    let p = Project::new(&format!(
        "name = \"{project}\"\n[services.db]\nimage = \"{IMAGE}\"\nvolumes = [\"data:/data\"]\n"
    ));
    let (net, vol, db, stranger, stranger_vol) = (
        format!("{project}_default"),
        format!("{project}_data"),
        format!("{project}-db"),
        format!("{project}-stranger"),
        format!("{project}_other"),
    );
    let _cleanup = Cleanup(vec![
        ("container", db.clone()),
        ("container", stranger.clone()),
        ("network", net.clone()),
        ("volume", vol.clone()),
        ("volume", stranger_vol.clone()),
    ]);
    let label = format!("dev.itp.project={project}");
    assert!(docker(&["network", "create", "--label", &label, &net]).0);
    assert!(docker(&["volume", "create", "--label", &label, &vol]).0);
    assert!(docker(&["volume", "create", &stranger_vol]).0);
    let (ok, _) = docker(&[
        "run",
        "-d",
        "--name",
        &db,
        "--label",
        &label,
        "--label",
        "dev.itp.service=db",
        "--network",
        &net,
        "-v",
        &format!("{vol}:/data"),
        IMAGE,
        "sh",
        "-c",
        "echo kept > /data/f; trap 'exit 0' TERM; while :; do sleep 1; done",
    ]);
    assert!(ok);
    assert!(docker(&["run", "-d", "--name", &stranger, IMAGE, "sleep", "600"]).0);

    p.run(&["down"]).code(0).shows(&[
        &format!("removed container {db}"),
        &format!("removed network {net}"),
        "named volumes kept",
    ]);
    assert!(!exists("container", &db) && !exists("network", &net));
    assert!(exists("volume", &vol), "named volumes survive down");
    assert!(
        exists("container", &stranger),
        "unlabelled containers are never touched"
    );
    let (_, data) = docker(&[
        "run",
        "--rm",
        "-v",
        &format!("{vol}:/data"),
        IMAGE,
        "cat",
        "/data/f",
    ]);
    assert_eq!(data, "kept");

    // No terminal here: --volumes without --yes must refuse, and delete nothing.
    p.run(&["down", "--volumes"])
        .code(2)
        .shows(&["deletes the project's named volumes", "--yes"]);
    assert!(exists("volume", &vol));

    p.run(&["down", "--volumes", "--yes"])
        .code(0)
        .shows(&[&format!("removed volume {vol}")]);
    assert!(!exists("volume", &vol));
    assert!(
        exists("volume", &stranger_vol),
        "volumes without the project label stay"
    );
    p.run(&["down"]).code(0).shows(&["nothing to remove"]);
}
