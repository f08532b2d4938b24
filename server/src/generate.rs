//! Realistic synthetic catalogs for demos and benchmarks: producers and products spread over
//! every province, subgroup and star level, with plausible Vietnamese names and dates.

use std::collections::HashSet;

use app::domain::{Score, ValidUntil};
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use crate::db::products::{insert_products, NewProducer, NewProduct};
use crate::db::Database;
use crate::import::criteria_set_in_force;

const KINDS: [(&str, &str); 4] = [
    ("enterprise", "Công ty TNHH"),
    ("cooperative", "Hợp tác xã"),
    ("cooperative_group", "Tổ hợp tác"),
    ("household", "Hộ kinh doanh"),
];
const BRAND_FIRST: [&str; 24] = [
    "An",
    "Bảo",
    "Phú",
    "Thành",
    "Minh",
    "Hưng",
    "Tân",
    "Đức",
    "Hòa",
    "Thịnh",
    "Kim",
    "Ngọc",
    "Quang",
    "Trường",
    "Việt",
    "Sơn",
    "Hải",
    "Thủy",
    "Lộc",
    "Phúc",
    "Gia",
    "Mỹ",
    "Hồng",
    "Xuân",
];
const BRAND_SECOND: [&str; 24] = [
    "Khang", "Lộc", "Phát", "Thịnh", "Hưng", "Nguyên", "Tâm", "Tín", "Vượng", "Xanh", "Việt", "Long", "An", "Hà",
    "Bình", "Đạt", "Trang", "Linh", "Quý", "Hoa", "Sen", "Mai", "Nam", "Phong",
];
/// Product names by subgroup (score sheet code); the brand is added after them.
const PRODUCTS: [(&str, &[&str]); 26] = [
    ("rau-cu-qua-hat-tuoi", &["Bưởi da xanh", "Cam sành", "Nhãn lồng", "Vải thiều", "Rau cải hữu cơ", "Dưa lưới"]),
    ("thit-thuy-san-trung-sua-tuoi", &["Gà đồi", "Trứng gà ta", "Tôm càng xanh", "Cá lóc đồng", "Sữa bò tươi"]),
    ("gao-ngu-coc-hat-so-che", &["Gạo ST25", "Gạo nếp cái hoa vàng", "Gạo lứt", "Hạt điều rang", "Lạc nhân"]),
    ("mat-ong-mat-khac-tpthuc-khac", &["Mật ong hoa nhãn", "Mật ong rừng", "Mật ong bạc hà", "Mật ong hoa cà phê"]),
    ("do-an-nhanh", &["Bánh mì que", "Xôi gấc đóng hộp", "Bún khô", "Phở khô"]),
    ("che-bien-tu-gao-ngu-coc", &["Bánh tráng", "Bún gạo lứt", "Bánh đa nem", "Cốm làng", "Miến dong"]),
    ("che-bien-tu-rau-cu-qua-hat", &["Mứt gừng", "Chuối sấy dẻo", "Xoài sấy", "Tinh bột nghệ", "Mít sấy giòn"]),
    ("che-bien-tu-thit-trung-sua-ts", &["Chả cá", "Chả mực", "Bò khô", "Lạp xưởng", "Cá khô tẩm gia vị", "Nem chua"]),
    ("tuong-nuoc-mam-gia-vi-dang-long", &["Nước mắm cá cơm", "Tương bần", "Tương ớt", "Nước mắm truyền thống"]),
    ("gia-vi-khac", &["Muối tôm", "Tiêu đen", "Hồi khô", "Quế thanh", "Muối ớt xanh"]),
    ("che-tuoi-che-bien", &["Chè Shan tuyết", "Trà Thái Nguyên", "Chè búp khô", "Trà ô long"]),
    ("san-pham-che-tu-thuc-vat-khac", &["Trà gừng", "Trà hoa cúc", "Trà atiso", "Trà mãng cầu", "Chè dây"]),
    ("ca-phe-ca-cao", &["Cà phê Robusta rang xay", "Cà phê Arabica", "Bột ca cao", "Socola ca cao"]),
    ("ruou-trang", &["Rượu nếp cẩm", "Rượu làng Vân", "Rượu ngô men lá", "Rượu gạo truyền thống"]),
    ("do-uong-co-con-khac", &["Rượu sim", "Rượu mơ", "Rượu đinh lăng", "Vang nho"]),
    ("nuoc-khoang-nuoc-uong-dong-chai", &["Nước khoáng thiên nhiên", "Nước uống đóng chai"]),
    ("do-uong-khong-con", &["Nước cốt chanh leo", "Nước ép cam", "Sữa bắp", "Nước dừa đóng chai"]),
    ("tpcn-thuoc-duoc-lieu-co-truyen", &["Cao atiso", "Viên nghệ mật ong", "Cao sâm", "Trà túi lọc giảo cổ lam"]),
    ("my-pham-tu-duoc-lieu", &["Xà phòng thảo dược", "Dầu gội bồ kết", "Sáp dưỡng môi", "Nước súc miệng thảo dược"]),
    ("tinh-dau-duoc-lieu-khac", &["Tinh dầu sả chanh", "Tinh dầu tràm", "Tinh dầu quế", "Dầu tràm"]),
    ("tcmn-gia-dung-trang-tri", &["Giỏ mây tre đan", "Gốm men lam", "Chiếu cói", "Nón lá", "Đèn lồng"]),
    ("vai-may-mac", &["Khăn lụa tơ tằm", "Thổ cẩm dệt tay", "Áo dài lụa", "Vải lanh"]),
    ("hoa", &["Hoa lan hồ điệp", "Hoa cúc", "Hoa đào", "Hoa hồng"]),
    ("cay-canh", &["Bonsai sanh", "Mai vàng", "Cây quất cảnh", "Lan đột biến"]),
    ("dong-vat-canh", &["Cá Koi", "Chim chào mào", "Gà Đông Tảo cảnh"]),
    (
        "dv-du-lich-cong-dong-sinh-thai",
        &["Du lịch cộng đồng bản", "Homestay vườn", "Làng nghề trải nghiệm", "Du lịch sinh thái"],
    ),
];

struct Commune {
    code: String,
    name: String,
    full_name: String,
    province_code: String,
    province_name: String,
}

/// Adds `count` synthetic products (and their producers); returns how many were written.
pub async fn generate(db: &Database, count: usize, seed: u64) -> Result<u64, sqlx::Error> {
    let communes: Vec<Commune> = sqlx::query_as::<_, (String, String, String, String, String)>(
        "SELECT c.code, c.name, c.full_name, c.province_code, p.name FROM communes c JOIN provinces p ON p.code = c.province_code ORDER BY c.code",
    )
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(code, name, full_name, province_code, province_name)| Commune { code, name, full_name, province_code, province_name })
    .collect();
    let subgroup_names: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM score_sheets").fetch_all(&db.pool).await?;
    if communes.is_empty() {
        return Ok(0);
    }
    let products = synthesize(&communes, &subgroup_names, count, seed, db.clock.today());
    let mut tx = db.begin_write().await?;
    let written = insert_products(&mut tx, &products, &db.clock.now_text()).await?;
    db.commit_catalog_change(tx).await?;
    Ok(written)
}

fn synthesize(
    communes: &[Commune],
    subgroup_names: &[(String, String)],
    count: usize,
    seed: u64,
    today: NaiveDate,
) -> Vec<NewProduct> {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut products = Vec::with_capacity(count);
    let mut producer_names = HashSet::new();
    let mut product_keys = HashSet::new();
    let first_day = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let span_days = (today - first_day).num_days().max(1);
    while products.len() < count {
        let commune = &communes[rng.random_range(0..communes.len())];
        let (kind, kind_name) = KINDS[rng.random_range(0..KINDS.len())];
        let brand = format!(
            "{} {}",
            BRAND_FIRST[rng.random_range(0..BRAND_FIRST.len())],
            BRAND_SECOND[rng.random_range(0..BRAND_SECOND.len())]
        );
        let producer_name = format!("{kind_name} {brand} {}", commune.name);
        if !producer_names.insert(producer_name.clone()) {
            continue;
        }
        let producer = NewProducer {
            name: producer_name,
            kind: Some(kind.to_string()),
            province_code: commune.province_code.clone(),
            address_as_written: format!("{}, {}", commune.full_name, commune.province_name),
            phone: Some(format!("0{}", rng.random_range(200_000_000u32..999_999_999))),
            website: None,
        };
        for _ in 0..rng.random_range(1..=4) {
            if products.len() == count {
                break;
            }
            let (subgroup, names) = PRODUCTS[rng.random_range(0..PRODUCTS.len())];
            let name = format!("{} {brand}", names[rng.random_range(0..names.len())]);
            if !product_keys.insert((name.clone(), producer.name.clone())) {
                continue;
            }
            let stars: u8 = match rng.random_range(0..100) {
                0..=59 => 3,
                60..=94 => 4,
                _ => 5,
            };
            // Hundredths, as councils average: 89,67 as often as 89.
            let score = match stars {
                3 => rng.random_range(5000..7000),
                4 => rng.random_range(7000..9000),
                _ => rng.random_range(9000..=10000),
            };
            let decided = first_day + Duration::days(rng.random_range(0..span_days));
            let sequence = products.len() + 1;
            products.push(NewProduct {
                producer: producer.clone(),
                name,
                subgroup_code: Some(subgroup.to_string()),
                subgroup_name: subgroup_names.iter().find(|(code, _)| code == subgroup).map(|(_, n)| n.clone()),
                province_code: commune.province_code.clone(),
                province_name: commune.province_name.clone(),
                commune_code: Some(commune.code.clone()),
                address_as_written: producer.address_as_written.clone(),
                province_as_written: commune.province_name.clone(),
                stars,
                score: Score::from_hundredths(score),
                criteria_set: criteria_set_in_force(Some(decided), decided.year()).to_string(),
                recognized_year: decided.year(),
                decision_number: Some(format!("{}/QĐ-UBND", rng.random_range(100..4000))),
                decision_date: Some(decided.to_string()),
                certificate_number: Some(format!("{}-{:06}/GCN-OCOP", decided.year(), sequence)),
                expires_on: Some(ValidUntil::for_decision(decided).to_string()),
                description: None,
                phone: producer.phone.clone(),
                website: None,
                source: "generated",
            });
        }
    }
    products
}
