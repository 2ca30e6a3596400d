package dev.kehu.bench.drills;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded, realistic customer data in Chinese and English: company names (北京星辰科技有限公司 / Beijing Xingchen
 * Technology Co., Ltd.), people, cities, and values that must be unique across the whole drill run (credit codes,
 * mobiles, e-mails, invented latin words to search for), numbered from one counter shared by all workers.
 */
public final class Names {

    record City(String chinese, String pinyin) {
    }

    record Word(String chinese, String pinyin) {
    }

    record Person(String chinese, String latin) {
    }

    static final List<City> CITIES = List.of(new City("北京", "Beijing"), new City("上海", "Shanghai"),
            new City("深圳", "Shenzhen"), new City("杭州", "Hangzhou"), new City("成都", "Chengdu"),
            new City("广州", "Guangzhou"), new City("武汉", "Wuhan"), new City("南京", "Nanjing"));
    static final List<Word> CORES = List.of(new Word("星辰", "Xingchen"), new Word("华远", "Huayuan"),
            new Word("鼎盛", "Dingsheng"), new Word("宏图", "Hongtu"), new Word("锦程", "Jincheng"),
            new Word("博雅", "Boya"), new Word("云帆", "Yunfan"), new Word("瑞丰", "Ruifeng"),
            new Word("金桥", "Jinqiao"), new Word("恒通", "Hengtong"));
    static final List<Word> INDUSTRIES = List.of(new Word("科技", "Technology"), new Word("贸易", "Trading"),
            new Word("物流", "Logistics"), new Word("医药", "Pharmaceutical"), new Word("制造", "Manufacturing"),
            new Word("食品", "Foods"));
    static final List<Person> PEOPLE = List.of(new Person("张伟", "Zhang Wei"), new Person("王芳", "Wang Fang"),
            new Person("李娜", "Li Na"), new Person("刘洋", "Liu Yang"), new Person("陈静", "Chen Jing"),
            new Person("杨磊", "Yang Lei"), new Person("赵敏", "Zhao Min"), new Person("黄丽", "Huang Li"));
    static final List<String> MANAGERS = List.of("zhang.wei", "wang.fang", "li.na", "emily.chen", "david.wang");
    static final List<String> TITLES = List.of("采购经理 Purchasing Manager", "总经理 General Manager",
            "财务总监 CFO", "IT 主管 IT Lead");
    static final List<String> STREETS = List.of("建国路88号", "南京西路1266号", "深南大道6008号", "文三路90号");

    /** Letters of the 18-character unified social credit code (no I, O, S, V, Z). */
    private static final String CODE_LETTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final AtomicLong counter = new AtomicLong();

    /** The next number of the run (every unique value below takes one). */
    long next() {
        return counter.incrementAndGet();
    }

    /** A valid-looking unified social credit code, unique for {@code n}: 91 + region 110000 + 10 base-31 digits. */
    static String creditCode(long n) {
        StringBuilder tail = new StringBuilder();
        long value = n;
        for (int i = 0; i < 10; i++) {
            tail.append(CODE_LETTERS.charAt((int) (value % CODE_LETTERS.length())));
            value /= CODE_LETTERS.length();
        }
        return "91110000" + tail.reverse();
    }

    static String mobile(long n) {
        return String.format(Locale.ROOT, "+86 139 %04d %04d", (n / 10_000) % 10_000, n % 10_000);
    }

    /** An invented latin word, unique for {@code n} and free of digits, that search can look for. */
    static String word(long n) {
        StringBuilder word = new StringBuilder("Kv");
        long value = n;
        do {
            word.append(LETTERS.charAt((int) (value % LETTERS.length())));
            value /= LETTERS.length();
        } while (value > 0);
        return word.append("ix").toString();
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
