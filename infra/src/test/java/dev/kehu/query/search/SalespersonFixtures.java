package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.List;


/**
 * Customers as salespeople in China meet them, for {@link SalespersonQueriesRelevanceTest}: companies with
 * contacts who have titles, short names and abbreviations (浦发, 工行, 中石化), Hong Kong and Taiwan customers
 * written in traditional characters with local and international numbers, numbers with extensions and
 * country codes written in every way, Latin names typed in syllables, look-alikes (北京 / 京东 / 南京东方).
 */
final class SalespersonFixtures {

    private SalespersonFixtures() {
    }

    static List<CustomerSearchDocument> customers() {
        List<CustomerSearchDocument> all = new ArrayList<>();
        CustomerSearchDocument jd = company(all, "s01", "北京京东世纪贸易有限公司", "JD.com");
        jd.contact("s01-1").name("张三").title("采购总监").phones(List.of("138-0013-8000")).emails(List.of("zhangsan@jd.com"));
        jd.contact("s01-2").name("李四").title("财务经理").phones(List.of("139 1234 5678")).emails(List.of("lisi@jd.com"));
        CustomerSearchDocument spdb = company(all, "s02", "上海浦东发展银行股份有限公司", "Shanghai Pudong Development Bank");
        spdb.contact("s02-1").name("王芳").title("总经理").phones(List.of("+86 21 6888 1234 转 801"));
        spdb.contact("s02-2").name("欧阳娜娜").title("客户经理").phones(List.of("+86 186 1111 2222"));
        CustomerSearchDocument tencent = company(all, "s03", "深圳市腾讯计算机系统有限公司", "Tencent");
        tencent.contact("s03-1").name("马明").title("商务总监").phones(List.of("0086-755-8601 3388")).emails(List.of("maming@tencent.com"));
        CustomerSearchDocument huawei = company(all, "s04", "华为技术有限公司", "Huawei Technologies");
        huawei.contact("s04-1").name("刘洋").title("采购经理").phones(List.of("13988887777"));
        huawei.contact("s04-2").name("任正").title("董事长").phones(List.of("0755-2878-0808-801"));
        CustomerSearchDocument alibaba = company(all, "s05", "阿里巴巴(中国)有限公司", "Alibaba China");
        alibaba.contact("s05-1").name("陈静").title("采购专员").phones(List.of("0571-8502-2088"));
        alibaba.contact("s05-2").name("李明").title("首席技术官 CTO");
        CustomerSearchDocument icbc = company(all, "s06", "中国工商银行股份有限公司", "ICBC");
        icbc.contact("s06-1").name("赵强").title("行长").phones(List.of("010-6610-6114"));
        CustomerSearchDocument sinopec = company(all, "s07", "中国石油化工股份有限公司", "Sinopec");
        sinopec.contact("s07-1").name("孙丽").title("主任").phones(List.of("86-10-5996-0114"));
        CustomerSearchDocument ck = company(all, "s08", "長江實業(集團)有限公司", "CK Asset Holdings");
        ck.contact("s08-1").name("陳大文").title("經理").phones(List.of("(852) 2345 6789"));
        CustomerSearchDocument tsmc = company(all, "s09", "台灣積體電路製造股份有限公司", "TSMC");
        tsmc.contact("s09-1").name("林志明").title("总经理").phones(List.of("+886 3 563 6688"));
        tsmc.contact("s09-2").name("黃美玲").phones(List.of("0912-345-678"));
        individual(all, "s10", "陈小红").phones(List.of("+852 9123 4567"));
        CustomerSearchDocument acme = company(all, "s11", "Acme Corporation", null);
        acme.contact("s11-1").name("John Smith").title("Purchasing Manager").phones(List.of("+1 (415) 555-0100 ext. 22"))
                .emails(List.of("john.smith@acme.com"));
        acme.contact("s11-2").name("Jane Doe").title("CFO");
        CustomerSearchDocument global = company(all, "s12", "Global Tech Solutions", null);
        global.contact("s12-1").name("Maria Garcia").title("VP Sales").phones(List.of("+34 612 345 678"))
                .emails(List.of("maria.garcia@globaltech.io"));
        CustomerSearchDocument changyu = company(all, "s13", "烟台张裕葡萄酿酒股份有限公司", "Changyu");
        changyu.contact("s13-1").name("刘建国").title("高级工程师").phones(List.of("86-535-6688123"));
        individual(all, "s14", "吕小军").phones(List.of("8613700001111"));
        CustomerSearchDocument tianfu = company(all, "s15", "成都天府软件园有限公司", null);
        tianfu.contact("s15-1").name("张伟").title("总经理").phones(List.of("13912345678"));
        company(all, "s16", "Zhang Wei Consulting", null);
        company(all, "s17", "上海张江高科技园区开发股份有限公司", null);
        CustomerSearchDocument jdl = company(all, "s18", "京东物流集团", "JD Logistics");
        jdl.contact("s18-1").name("赵六").title("运营经理").phones(List.of("13700002222"));
        CustomerSearchDocument nanjing = company(all, "s19", "南京东方电子有限公司", null);
        nanjing.contact("s19-1").name("孙七").phones(List.of("025-5211-3344"));
        CustomerSearchDocument xiaomi = company(all, "s20", "小米科技有限责任公司", "Xiaomi");
        xiaomi.contact("s20-1").name("雷军").title("董事长").phones(List.of("010-6060-6666"));
        CustomerSearchDocument pg = company(all, "s21", "广州宝洁有限公司", "P&G Guangzhou");
        pg.churned(true, "价格");
        CustomerSearchDocument bytedance = company(all, "s22", "北京字节跳动科技有限公司", "ByteDance");
        bytedance.contact("s22-1").name("张一鸣").title("CEO");
        bytedance.contact("s22-2").name("梁汝波").title("总裁");
        individual(all, "s23", "单伟").phones(List.of("010-12345678")).emails(List.of("shanwei@163.com"));
        individual(all, "s24", "曾志伟").phones(List.of("+86 20 8765 4321"));
        CustomerSearchDocument muller = company(all, "s25", "Müller Maschinenbau GmbH", null);
        muller.contact("s25-1").name("Hans Müller").title("Geschäftsführer");
        CustomerSearchDocument cmb = company(all, "s26", "招商银行股份有限公司", "China Merchants Bank");
        cmb.contact("s26-1").name("田惠").title("客户经理").phones(List.of("0755-8319-8888 #801"));
        individual(all, "s27", "李白");
        CustomerSearchDocument haier = company(all, "s28", "海尔集团公司", "Haier");
        haier.contact("s28-1").name("周云杰").title("总裁");
        CustomerSearchDocument meituan = company(all, "s29", "北京三快在线科技有限公司", "Meituan");
        meituan.contact("s29-1").name("王兴").title("CEO");
        CustomerSearchDocument pingan = company(all, "s30", "中国平安保险(集团)股份有限公司", "Ping An Insurance");
        pingan.contact("s30-1").name("马明哲").title("董事长");
        return all;
    }

    private static CustomerSearchDocument company(List<CustomerSearchDocument> all, String id, String name, String latinName) {
        CustomerSearchDocument document = new CustomerSearchDocument(id).kind("COMPANY").name(name).latinName(latinName)
                .region("华北").tier("GOLD").manager("wang.fang").lifecycle("ACTIVE").lastSequence(1);
        all.add(document);
        return document;
    }

    private static CustomerSearchDocument individual(List<CustomerSearchDocument> all, String id, String name) {
        CustomerSearchDocument document = new CustomerSearchDocument(id).kind("INDIVIDUAL").name(name)
                .region("华南").tier("NONE").manager("li.lei").lifecycle("PROSPECT").lastSequence(1);
        all.add(document);
        return document;
    }
}
