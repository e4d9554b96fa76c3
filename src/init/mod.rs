//! Onboarding: what a repository is made of (`detect`), the ready-made
//! templates and the services they can add (`templates`), and the profile
//! written from the choices (`compose`). Pure, apart from reading the
//! repository's top-level file names.

pub mod detect;
pub mod dev_images;
pub mod import;
pub mod templates;
