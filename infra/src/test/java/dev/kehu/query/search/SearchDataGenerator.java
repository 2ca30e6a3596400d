package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.contact.Phone;

/**
 * Seeded generator of customers and contacts for benchmarks: the same seed gives the same data.
 * Companies are Chinese (city + brand + business + legal form, with a Latin name) or English; contacts
 * are Chinese (common and compound surnames) or English people with mobiles and landlines written
 * in the formats people use, and e-mails derived from their names.
 */
public final class SearchDataGenerator {

    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖",
            "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "单", "区",
            "欧阳", "司马", "诸葛", "上官"};
    static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
            "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "玲", "建", "文", "辉", "力", "鹏", "宇",
            "浩", "欣", "婷", "雪", "琳", "晨", "阳", "博", "思", "佳", "嘉", "子", "梓", "涵", "睿", "晓", "志", "海", "波",
            "俊", "峰", "毅", "飞", "云", "凯", "龙", "春", "冬", "雨", "颖", "慧", "倩", "丹", "莉", "蓉", "燕"};
    static final String[] CITIES = {"北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "重庆", "武汉", "西安", "苏州",
            "天津", "长沙", "郑州", "青岛", "宁波", "厦门", "大连", "沈阳", "济南", "合肥", "福州", "昆明", "无锡"};
    static final String[] BRANDS = {"华信", "东方", "金鼎", "瑞丰", "恒通", "宏达", "鑫源", "天成", "博远", "中科", "汇智",
            "新世纪", "长城", "泰和", "永安", "盛世", "安泰", "联创", "海纳", "启明", "京东", "万达", "德邦", "正泰", "九州",
            "国泰", "锦程", "星河", "凯旋", "远航"};
    static final String[] BUSINESSES = {"科技", "贸易", "机械", "电子", "软件", "物流", "医药", "化工", "建材", "食品",
            "能源", "环保", "设备", "信息技术", "纺织", "汽车配件", "水处理设备", "咨询", "投资", "传媒"};
    static final String[] FORMS = {"有限公司", "股份有限公司", "集团有限公司", "有限责任公司"};
    static final String[] FIRST = {"John", "Mary", "James", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
            "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
            "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Paul", "Ashley", "Steven", "Emily",
            "Andrew", "Donna", "Kevin", "Michelle", "Brian", "Carol", "George", "Amanda", "Peter", "Hans", "Maria", "Anna"};
    static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
            "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
            "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
            "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
            "Evans", "Turner", "Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer"};
    static final String[] WORDS = {"Acme", "Global", "Pacific", "Atlantic", "Summit", "Pioneer", "Vertex", "Nova", "Apex",
            "Horizon", "Sterling", "Crescent", "Evergreen", "Liberty", "Union", "Premier", "Quantum", "Fusion", "Delta",
            "Orion", "Titan", "Phoenix", "Falcon", "Harbor", "Silver", "Golden", "Northern", "Eastern", "Western", "Royal"};
    static final String[] ENGLISH_BUSINESSES = {"Trading", "Technologies", "Industries", "Logistics", "Solutions", "Systems",
            "Manufacturing", "Consulting", "Holdings", "Supplies", "Partners", "Electronics", "Foods", "Chemicals"};
    static final String[] ENGLISH_FORMS = {"Ltd", "Inc.", "Corporation", "GmbH", "LLC", "Co."};
    static final String[] REGIONS = {"华北", "华东", "华南", "华中", "西南", "西北", "东北", "海外"};
    static final String[] MANAGERS = {"wang.fang", "li.lei", "chen.jie", "zhang.min", "liu.yang", "zhao.lei", "sun.li", "zhou.jun"};
    static final String[] TAGS = {"大客户", "电商", "制造", "金融", "外贸", "重点", "新客户", "政府", "教育", "医疗"};
    static final String[] INDUSTRIES = {"制造", "金融", "电商", "物流", "医疗", "教育", "能源", "软件", "零售", "化工"};
    static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
            "152", "155", "158", "159", "166", "177", "180", "181", "186", "187", "188", "189", "199"};
    static final String[] AREA_CODES = {"010", "021", "020", "0755", "0571", "025", "028", "023", "027", "029", "0512"};

    /** A generated contact, in the shape the benchmark queries need. */
    public record Person(String name, boolean chinese, String mobile, String email) {
    }

    /** A customer with its contacts and the events that create it. */
    public record Customer(String customerId, String name, String latinName, CustomerKind kind, String region,
                           String manager, List<String> tags, List<ContactCard> contacts, List<Person> people) {

        /** CustomerRegistered, AccountManagerAssigned, then one ContactAdded per contact (in that order). */
        public List<Object> events() {
            List<Object> events = new ArrayList<>();
            CustomerProfile profile = new CustomerProfile(
                    latinName != null && name.equals(latinName) ? null : name, latinName, null, null, null,
                    tags.isEmpty() ? null : tags.get(0), region, null, null, tags, List.of(), Map.of(), null);
            events.add(new CustomerRegistered(customerId, kind, profile));
            events.add(new AccountManagerAssigned(customerId, manager, null, "分配"));
            contacts.forEach(contact -> events.add(new ContactAdded(customerId, contact)));
            return events;
        }

        /** The document the projection builds from {@link #events()}. */
        public CustomerSearchDocument document() {
            CustomerSearchDocument document = new CustomerSearchDocument(customerId).kind(kind.name())
                    .name(name).latinName(latinName != null && name.equals(latinName) ? null : latinName)
                    .region(region).industry(tags.isEmpty() ? null : tags.get(0)).tags(tags)
                    .lifecycle("PROSPECT").tier("NONE").manager(manager)
                    .phones(List.of()).emails(List.of());
            for (ContactCard card : contacts) {
                document.contact(card.contactId()).name(card.name()).title(card.title())
                        .phones(card.phones().stream().map(Phone::entered).toList()).emails(card.emails());
            }
            return document.lastSequence(events().size() - 1);
        }
    }

    private final Random random;
    private int sequence;

    public SearchDataGenerator(long seed) {
        this.random = new Random(seed);
    }

    public List<Customer> customers(int count, int contactsPerCustomer) {
        List<Customer> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            customers.add(customer(contactsPerCustomer));
        }
        return customers;
    }

    public Customer customer(int contactsPerCustomer) {
        String id = String.format("bench-%07d", ++sequence);
        boolean chinese = random.nextInt(100) < 75;
        String name;
        String latinName;
        if (chinese) {
            String city = pick(CITIES);
            String brand = pick(BRANDS);
            String business = pick(BUSINESSES);
            name = city + brand + business + pick(FORMS);
            latinName = random.nextBoolean() ? pick(WORDS) + " " + pick(ENGLISH_BUSINESSES) + " " + pick(ENGLISH_FORMS) : null;
        } else {
            name = pick(WORDS) + " " + pick(ENGLISH_BUSINESSES) + " " + pick(ENGLISH_FORMS);
            latinName = null;
        }
        List<ContactCard> contacts = new ArrayList<>();
        List<Person> people = new ArrayList<>();
        String domain = "c" + sequence + (chinese ? ".cn" : ".com");
        for (int c = 0; c < contactsPerCustomer; c++) {
            boolean chinesePerson = chinese ? random.nextInt(100) < 90 : random.nextInt(100) < 20;
            String personName;
            String mailbox;
            if (chinesePerson) {
                String surname = pick(SURNAMES);
                String given = pick(GIVEN) + (random.nextBoolean() ? pick(GIVEN) : "");
                personName = surname + given;
                mailbox = Pinyin.ofPersonName(personName).full().get(0);
            } else {
                String first = pick(FIRST);
                String last = pick(LAST);
                personName = first + " " + last;
                mailbox = (first + "." + last).toLowerCase();
            }
            String mobile = mobile();
            List<Phone> phones = new ArrayList<>();
            phones.add(Phone.of(written(mobile)));
            if (random.nextInt(100) < 30) {
                phones.add(Phone.of(pick(AREA_CODES) + "-" + digits(8)));
            }
            String email = mailbox + "@" + domain;
            contacts.add(new ContactCard(id + "-" + c, personName, chinesePerson ? "采购经理" : "Purchasing Manager",
                    phones, List.of(email), null));
            people.add(new Person(personName, chinesePerson, mobile, email));
        }
        List<String> tags = new ArrayList<>();
        tags.add(pick(INDUSTRIES));
        if (random.nextInt(100) < 30) {
            tags.add(pick(TAGS));
        }
        return new Customer(id, name, latinName, CustomerKind.COMPANY, pick(REGIONS), pick(MANAGERS), List.copyOf(tags),
                contacts, people);
    }

    private String mobile() {
        return pick(MOBILE_PREFIXES) + digits(8);
    }

    /** A mobile as people write it: 13800138000, 138-0013-8000, 138 0013 8000 or +86 138 0013 8000. */
    private String written(String mobile) {
        return switch (random.nextInt(4)) {
            case 0 -> mobile;
            case 1 -> mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
            case 2 -> mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
            default -> "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        };
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    public Random random() {
        return random;
    }

    public <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
