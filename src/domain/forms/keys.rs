//! The typed keys of the registries' form fields: one variant per field of [`super::ENTERPRISE`],
//! [`super::INSPECTOR`] and [`super::ITEM`], so that a record's field texts are produced by
//! field (an exhaustive match) rather than by position, and the tests can check that specs,
//! builders, texts and the stored columns name the same fields.

/// Declares a field-key enum with its keys as written in the specs.
macro_rules! field_keys {
    ($(#[$m:meta])* $name:ident { $($v:ident = $k:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($v),*
        }

        impl $name {
            /// Every field.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The spec's key.
            pub const fn key(self) -> &'static str {
                match self {
                    $($name::$v => $k),*
                }
            }

            /// The field with this spec key.
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|f| f.key() == key)
            }
        }
    };
}

field_keys! {
    /// A field of the enterprise form and file.
    EnterpriseField {
        Name = "name",
        CreditCode = "credit_code",
        CodeCheckWaived = "code_check_waived",
        PermitNo = "permit_no",
        PermitCategory = "permit_category",
        KeyUnit = "key_unit",
        Area = "area",
        Industry = "industry",
        Pollutants = "pollutants",
        Construction = "construction",
        Scale = "scale",
        Cycle = "cycle",
        Monitoring = "monitoring",
        WeatherGrade = "weather_grade",
        CreditRating = "credit_rating",
        Listing = "listing",
        ListingFrom = "listing_from",
        ListingUntil = "listing_until",
        PositiveList = "positive_list",
        PositiveFrom = "positive_from",
        PositiveUntil = "positive_until",
        Status = "status",
        Address = "address",
        LegalRep = "legal_rep",
    }
}

field_keys! {
    /// A field of the inspector form and file.
    InspectorField {
        Name = "name",
        Kind = "kind",
        AuxType = "aux_type",
        Unit = "unit",
        CertNo = "cert_no",
        Post = "post",
        Section = "section",
        Region = "region",
        YearsOfService = "years_of_service",
        Expertise = "expertise",
        Phone = "phone",
        Active = "active",
        InactiveReason = "inactive_reason",
    }
}

field_keys! {
    /// A field of the check item form and file.
    ItemField {
        Code = "code",
        Name = "name",
        Basis = "basis",
        Subject = "subject",
        Method = "method",
        Scope = "scope",
        Expertise = "expertise",
        EffectiveFrom = "effective_from",
    }
}

/// A record's field texts in the order of `specs`, each produced by its typed field (a key
/// without a field gives an empty text; the tests check there is none).
pub(super) fn texts_by_field<F: Copy>(
    specs: &[super::FieldSpec],
    from_key: fn(&str) -> Option<F>,
    text: impl Fn(F) -> String,
) -> Vec<String> {
    specs
        .iter()
        .map(|s| from_key(s.key).map_or_else(String::new, &text))
        .collect()
}
