package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The short names a company goes by: 北京京东世纪贸易有限公司 is 京东世纪贸易 and 京东世纪, and people type
 * "jd", "jingdong" or "jdsj" for it. A short name drops the leading place (province or city, with or
 * without 省/市), anything in brackets ((中国), (北京)), the legal form (有限公司, 股份有限公司, 集团…)
 * and then, one by one, trailing trade words (贸易, 科技, 技术…). Their pinyin and initials are indexed
 * beside the full name's.
 */
final class CompanyNames {

    private static final Pattern BRACKETS = Pattern.compile("[(（][^)）]*[)）]");
    private static final List<String> PLACES = List.of("北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京",
            "成都", "武汉", "西安", "苏州", "厦门", "青岛", "大连", "宁波", "济南", "沈阳", "长沙", "郑州", "合肥",
            "福州", "昆明", "香港", "澳门", "台湾", "台北", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
            "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
            "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆", "中国");
    private static final List<String> LEGAL_FORMS = List.of("股份有限公司", "有限责任公司", "集团有限公司", "有限公司",
            "集团公司", "集团", "公司", "股份");
    private static final List<String> TRADE_WORDS = List.of("计算机系统", "贸易", "科技", "技术", "实业", "发展",
            "信息", "网络", "软件", "电子", "控股", "物流", "国际", "商贸", "工业", "开发", "系统", "服务", "咨询");
    private static final int MIN_LENGTH = 2;

    private CompanyNames() {
    }

    /** The short forms of a Chinese company name, longest first; empty when there is none shorter than the name. */
    static List<String> shortNames(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String text = BRACKETS.matcher(name.strip()).replaceAll("");
        text = withoutPlace(text);
        Set<String> forms = new LinkedHashSet<>();
        text = withoutSuffixes(text, LEGAL_FORMS);
        forms.add(text);
        for (boolean stripped = true; stripped; ) {
            stripped = false;
            for (String word : TRADE_WORDS) {
                if (text.endsWith(word) && text.length() - word.length() >= MIN_LENGTH) {
                    text = text.substring(0, text.length() - word.length());
                    forms.add(text);
                    stripped = true;
                }
            }
        }
        List<String> result = new ArrayList<>(forms);
        result.removeIf(form -> form.length() < MIN_LENGTH || form.equals(name));
        return result;
    }

    private static String withoutPlace(String text) {
        for (String place : PLACES) {
            for (String form : List.of(place + "省", place + "市", place)) {
                if (text.startsWith(form) && text.length() - form.length() >= MIN_LENGTH) {
                    String rest = text.substring(form.length());
                    return rest.startsWith("市") || rest.startsWith("省") ? rest.substring(1) : rest;
                }
            }
        }
        return text;
    }

    private static String withoutSuffixes(String text, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (text.endsWith(suffix) && text.length() - suffix.length() >= MIN_LENGTH) {
                return text.substring(0, text.length() - suffix.length());
            }
        }
        return text;
    }
}
